/**
 * First Ctrl-C (or SIGTERM): start nothing new, let running steps finish and record.
 * Second: abort running steps too.
 */
export function interruptSignals(log: (line: string) => void): { drain: AbortSignal; abort: AbortSignal; dispose(): void } {
  const drain = new AbortController();
  const abort = new AbortController();
  const onSignal = () => {
    if (!drain.signal.aborted) {
      drain.abort();
      log('Interrupt received: finishing running steps and saving. Press Ctrl-C again to abort them.');
    } else if (!abort.signal.aborted) {
      abort.abort();
      log('Aborting running steps.');
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    drain: drain.signal,
    abort: abort.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
