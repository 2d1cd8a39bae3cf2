import type { Clock } from '../../time/clock.js';
import type { WalkEvent } from './events.js';
import { backoffDelay } from './retry.js';
import type { WalkTask } from './task.js';
import { TaskTimeoutError } from './task-timeout.js';

/** The signal of a task that can be neither timed out nor aborted. */
const NEVER = new AbortController().signal;
/** Abort reason for a timer no longer needed; a constant avoids building a DOMException per task. */
const SETTLED = Symbol('settled');

export type Outcome<V> =
  | { status: 'done'; value: V; attempts: number }
  | { status: 'failed' | 'cancelled'; error: unknown; attempts: number };

export interface RunEnv {
  clock: Clock;
  /** The walk's abort signal (second Ctrl-C). */
  signal?: AbortSignal;
  random: () => number;
  emit(e: WalkEvent): void;
  describe(err: unknown): string;
  release(): void;
}

/**
 * Runs one task to its outcome: attempts, backoff between retryable failures,
 * and the time budget. A task that ignores its aborted signal after a timeout
 * is abandoned (its late result is dropped) so a hung call cannot hold the walk.
 */
export async function runTask<V>(task: WalkTask<V>, env: RunEnv): Promise<Outcome<V>> {
  const { clock } = env;
  // Controllers only where needed: creating and combining signals dominates the cost of cheap tasks.
  const timeout = task.timeoutMs === undefined ? undefined : new AbortController();
  const stopTimer = timeout && new AbortController();
  const signal =
    timeout && env.signal ? AbortSignal.any([timeout.signal, env.signal]) : (timeout?.signal ?? env.signal ?? NEVER);

  let timedOut: Promise<never> | undefined;
  if (timeout && stopTimer && task.timeoutMs !== undefined) {
    const error = new TaskTimeoutError(task.id, task.timeoutMs);
    timedOut = clock.sleep(task.timeoutMs, stopTimer.signal).then(
      () => {
        timeout.abort(error);
        throw error;
      },
      () => new Promise<never>(() => undefined),
    );
    timedOut.catch(() => undefined);
  }

  const verdict = (err: unknown, attempts: number): Outcome<V> => {
    if (timeout?.signal.aborted) return { status: 'failed', error: timeout.signal.reason, attempts };
    if (env.signal?.aborted) return { status: 'cancelled', error: err, attempts };
    return { status: 'failed', error: err, attempts };
  };

  let settled = false;
  try {
    const attempts = Math.max(1, task.retry?.attempts ?? 1);
    for (let attempt = 1; ; attempt++) {
      env.emit({ type: 'started', id: task.id, at: clock.now(), attempt });
      const running = Promise.resolve().then(() =>
        task.run({
          signal,
          attempt,
          release: env.release,
          // An abandoned (timed-out) attempt may still report; its task already has a result.
          progress: (message) => {
            if (!settled) env.emit({ type: 'progress', id: task.id, at: clock.now(), message });
          },
        }),
      );
      running.catch(() => undefined);
      try {
        const value = await (timedOut ? Promise.race([running, timedOut]) : running);
        return { status: 'done', value, attempts: attempt };
      } catch (err) {
        if (signal.aborted || attempt >= attempts || !task.retry || !task.retryable?.(err)) return verdict(err, attempt);
        const delayMs = backoffDelay(task.retry, attempt, env.random);
        env.emit({ type: 'retrying', id: task.id, at: clock.now(), attempt: attempt + 1, delayMs, error: env.describe(err) });
        try {
          await clock.sleep(delayMs, signal);
        } catch {
          return verdict(err, attempt);
        }
      }
    }
  } finally {
    settled = true;
    stopTimer?.abort(SETTLED);
  }
}
