import { systemClock, type Clock } from '../../time/clock.js';

/** Who goes first when requests wait for the budget: lower first, callers of one priority in order. */
export const PRIORITY = { urgent: 0, normal: 1, later: 2 } as const;

interface Waiter {
  priority: number;
  seq: number;
  resolve(): void;
}

/**
 * A token bucket: `perWindow` requests a window (a minute) on average, bursts up to `perWindow`.
 * Latitude documents 60 GET and 20 writes a minute per key; staying under them is cheaper than
 * collecting 429s. Requests that must wait are served by priority (a server creation before a tag
 * write), in order within one priority.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;
  #seq = 0;
  #waiters: Waiter[] = [];
  #serving = false;

  constructor(
    readonly perWindow: number,
    private readonly clock: Clock = systemClock,
    readonly windowMs = 60_000,
  ) {
    this.#tokens = perWindow;
    this.#last = clock.now();
  }

  /** Requests waiting for a token now. */
  get queued(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves when the caller may send one request. `onWait` hears, once, how many requests wait
   * with this one when it cannot go at once.
   */
  take(priority: number = PRIORITY.normal, onWait?: (queued: number) => void): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ priority, seq: this.#seq++, resolve });
      this.#waiters.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      if (onWait && (this.#serving || this.#refill() < 1)) onWait(this.#waiters.length);
      if (!this.#serving) void this.#serve();
    });
  }

  #refill(): number {
    const t = this.clock.now();
    this.#tokens = Math.min(this.perWindow, this.#tokens + ((t - this.#last) * this.perWindow) / this.windowMs);
    this.#last = t;
    return this.#tokens;
  }

  async #serve(): Promise<void> {
    this.#serving = true;
    try {
      while (this.#waiters.length > 0) {
        if (this.#refill() >= 1) {
          this.#tokens -= 1;
          this.#waiters.shift()!.resolve();
          continue;
        }
        await this.clock.sleep(((1 - this.#tokens) * this.windowMs) / this.perWindow);
      }
    } finally {
      this.#serving = false;
    }
  }
}
