/** How often and how long to retry a transient failure. */
export interface BackoffPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  factor: number;
}

/** The Terraform provider's schedule (500 ms × 1.5ⁿ, capped at 60 s), with fewer attempts. */
export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 8, baseMs: 500, maxMs: 60_000, factor: 1.5 };

/**
 * Delay before retry number `attempt` (0-based). "Equal jitter": half fixed, half random,
 * so concurrent callers spread out but none retries immediately. A delay the server asked
 * for wins over the schedule: retrying earlier only earns another 429.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number, askedMs?: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * policy.factor ** attempt);
  const scheduled = exp / 2 + (exp / 2) * random;
  return askedMs === undefined ? scheduled : Math.max(askedMs, scheduled / 4);
}

/** `Retry-After` as delta-seconds (fractions accepted) or an HTTP date; ms, or undefined. */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

