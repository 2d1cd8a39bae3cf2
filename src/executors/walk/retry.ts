export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform delay in
 * [0, min(maxMs, baseMs · 2^(attempt-1))], so retries of many steps that
 * failed together (a rate limit, an API blip) spread out instead of colliding.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (failedAttempt - 1));
  return Math.floor(random() * cap);
}
