import { systemClock, type Clock } from '../../time/clock.js';

/**
 * A token bucket: `perMinute` requests a minute on average, bursts up to `perMinute`.
 * Latitude documents 60 GET and 20 writes a minute per key; staying under them is
 * cheaper than collecting 429s.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.#tokens = perMinute;
    this.#last = clock.now();
  }

  /** Resolves when the caller may send one request; callers are served in order. */
  take(): Promise<void> {
    const turn = this.#queue.then(() => this.#takeOne());
    this.#queue = turn;
    return turn;
  }

  async #takeOne(): Promise<void> {
    for (;;) {
      const t = this.clock.now();
      this.#tokens = Math.min(this.perMinute, this.#tokens + ((t - this.#last) * this.perMinute) / 60_000);
      this.#last = t;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.clock.sleep(((1 - this.#tokens) * 60_000) / this.perMinute);
    }
  }
}
