import type { RetryPolicy } from './retry.js';

export interface TaskIO {
  /** Aborted on timeout and when the walk is aborted. */
  signal: AbortSignal;
  /** 1 for the first try. */
  attempt: number;
  progress(message: string): void;
  /**
   * Gives back this task's slots (the global one and its concurrency key's)
   * while it keeps running: for a task whose remaining work is waiting, e.g.
   * polling a server deploy after the rate-limited create call. Idempotent.
   */
  release(): void;
}

export interface WalkTask<V = unknown> {
  id: string;
  dependsOn: string[];
  /** Tasks sharing a key run at most `opts.concurrency[key]` (default 1) at once. */
  concurrencyKey?: string;
  /** Budget for the whole task, retries and their backoff included. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Whether an error is worth another attempt; without it nothing is retried. */
  retryable?(err: unknown): boolean;
  run(io: TaskIO): Promise<V>;
}

export type TaskStatus = 'done' | 'failed' | 'blocked' | 'cancelled';

export interface TaskResult<V = unknown> {
  id: string;
  status: TaskStatus;
  value?: V;
  error?: unknown;
  attempts: number;
  startedAt?: number;
  finishedAt?: number;
  /** The failed task that kept this one from running (the root cause, not the nearest dependency). */
  blockedBy?: string;
}
