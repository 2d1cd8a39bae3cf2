import { formatDuration } from '../../executors/duration.js';
import { eventLine, RunningSet } from './lines.js';
import type { ProgressStream, ProgressView } from './view.js';

export interface PlainOptions {
  now?: () => number;
  /** How often to list what is still running, so a CI log never goes quiet for long. */
  heartbeatMs?: number;
}

/** Timestamped lines, no cursor movement and no colour: for CI logs and pipes. */
export function plainView(stream: ProgressStream, opts: PlainOptions = {}): ProgressView {
  const now = opts.now ?? Date.now;
  const running = new RunningSet();
  const line = (at: number, text: string) => void stream.write(`${new Date(at).toISOString()} ${text}\n`);

  const heartbeat = setInterval(() => {
    if (running.tasks.size === 0) return;
    const at = now();
    const list = [...running.tasks].map(([id, t]) => `${id} [${formatDuration(at - t.since)}]`).join(', ');
    line(at, `still running: ${list}`);
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    onEvent(e) {
      const changed = running.update(e);
      if (e.type === 'progress') {
        if (changed) line(e.at, `${e.id}: ${e.message}`);
        return;
      }
      const text = eventLine(e);
      if (text) line(e.at, text.text);
    },
    close: () => clearInterval(heartbeat),
  };
}
