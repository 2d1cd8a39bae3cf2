import { formatDuration } from '../../executors/walk/duration.js';
import { eventLine, RunningSet } from './lines.js';
import type { ProgressStream, ProgressView } from './view.js';

export interface PlainOptions {
  now?: () => number;
  /**
   * A step that waits in the same state says so again, with the time elapsed, once this long has
   * passed since its last line (Terraform's "Still creating… [2m30s elapsed]"): a CI log reads like
   * a record of state changes, yet never goes quiet for long.
   */
  quietMs?: number;
  /** Calls `fn` every `ms` until the returned function is called; tests drive it from a virtual clock. */
  every?: (ms: number, fn: () => void) => () => void;
}

const QUIET_MS = 30_000;

/** Timestamped lines, no cursor movement and no colour: for CI logs and pipes. */
export function plainView(stream: ProgressStream, opts: PlainOptions = {}): ProgressView {
  const now = opts.now ?? Date.now;
  const quietMs = opts.quietMs ?? QUIET_MS;
  const running = new RunningSet();
  /** When each running step last had a line of its own. */
  const lastLine = new Map<string, number>();
  const line = (at: number, text: string) => void stream.write(`${new Date(at).toISOString()} ${text}\n`);
  const stepLine = (id: string, at: number, text: string) => {
    lastLine.set(id, at);
    line(at, text);
  };
  const remind = (at: number, ids: Iterable<string>) => {
    for (const id of ids) {
      const task = running.tasks.get(id);
      if (!task || at - (lastLine.get(id) ?? task.since) < quietMs) continue;
      stepLine(id, at, `${id}: ${task.message ?? 'running'} (${formatDuration(at - task.since)} elapsed)`);
    }
  };

  // Steps that report nothing while they work (a long server-side apply) are reminded of by the timer.
  const stop = (opts.every ?? everyUnref)(Math.min(1_000, quietMs), () => remind(now(), running.tasks.keys()));

  return {
    onEvent(e) {
      const changed = running.update(e);
      if (e.type === 'progress') {
        if (changed) stepLine(e.id, e.at, `${e.id}: ${e.message}`);
        else remind(e.at, [e.id]);
        return;
      }
      const text = eventLine(e);
      if (text) stepLine(e.id, e.at, text.text);
      if (!running.tasks.has(e.id)) lastLine.delete(e.id);
    },
    close: stop,
  };
}

function everyUnref(ms: number, fn: () => void): () => void {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
}
