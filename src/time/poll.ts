import { setTimeout as sleep } from 'node:timers/promises';
import { CtoError } from '../diagnostics/error.js';

export interface PollCheck {
  done: boolean;
  /** The current state in a few words, shown as progress and in the timeout error. */
  message: string;
  /** Set when waiting longer cannot help (a sync `Failed`, a `Degraded` app): stops at once. */
  failed?: string;
}

export interface PollOptions {
  stepId: string;
  /** What is awaited, for messages: `rollout of DaemonSet kube-system/cilium`. */
  what: string;
  signal: AbortSignal;
  timeoutMs?: number;
  /** The first pause; it stretches to a tenth of the time the state has not changed, up to `maxIntervalMs`. */
  intervalMs?: number;
  /** Default 15 s: a long wait costs a read every 15 s, a change is seen within a tenth of the wait so far. */
  maxIntervalMs?: number;
  progress?(message: string): void;
  hint?: string;
}

/**
 * Re-reads until `check` says done. Stops with a CtoError naming the step and
 * the last observed state on failure, on timeout, or when the run is aborted
 * (the walker's per-step timeout aborts `signal`).
 */
export async function pollUntil<T>(read: () => Promise<T>, check: (value: T) => PollCheck, opts: PollOptions): Promise<T> {
  const started = Date.now();
  let changedAt = started;
  let last: PollCheck = { done: false, message: 'not read yet' };
  for (;;) {
    const value = await read();
    const previous = last.message;
    last = check(value);
    if (last.message !== previous) changedAt = Date.now();
    if (last.done) return value;
    if (last.failed) {
      throw new CtoError({ severity: 'error', stepId: opts.stepId, message: `${opts.stepId}: ${opts.what} failed: ${last.failed}`, hint: opts.hint });
    }
    const elapsed = Date.now() - started;
    // The state alone: progress views add the time elapsed, and a CI log prints a line only when the state changes.
    opts.progress?.(`${opts.what}: ${last.message}`);
    const timedOut = opts.timeoutMs !== undefined && elapsed >= opts.timeoutMs;
    if (timedOut || opts.signal.aborted) {
      throw new CtoError({
        severity: 'error',
        stepId: opts.stepId,
        message: `${opts.stepId}: gave up waiting for ${opts.what} after ${formatSeconds(elapsed)}: ${last.message}`,
        hint: opts.hint,
      });
    }
    try {
      await sleep(pollInterval(Date.now() - changedAt, opts), undefined, { signal: opts.signal });
    } catch {
      // Aborted while sleeping: the next round reads once more and reports the last state.
    }
  }
}

/**
 * The pause before the next read: `intervalMs` (default 500 ms) while the state moves, then a tenth of the
 * time it has stayed the same, up to `maxIntervalMs`. A state change brings it back to the first pause.
 */
export function pollInterval(unchangedMs: number, opts: Pick<PollOptions, 'intervalMs' | 'maxIntervalMs'>): number {
  const first = opts.intervalMs ?? 500;
  return Math.max(first, Math.min(opts.maxIntervalMs ?? 15_000, unchangedMs / 10));
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 60)}m` : `${s}s`;
}
