/**
 * Latitude's per-key limits as a fixed window: `limit` requests per (simulated)
 * minute; past it, the time left in the window is what a 429 asks the client to wait.
 */
export class WindowLimiter {
  #windowStart = 0;
  #count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** ms to wait when over the limit, else 0 (and the request is counted). */
  admit(now: number): number {
    if (now - this.#windowStart >= this.windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    if (this.#count >= this.limit) return this.windowMs - (now - this.#windowStart);
    this.#count++;
    return 0;
  }
}
