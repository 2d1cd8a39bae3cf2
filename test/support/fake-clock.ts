import type { Clock } from '../../src/time/clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

/**
 * Virtual time for tests and benchmarks. Sleeping registers a timer; whenever
 * every piece of work is waiting on timers (the microtask queue is empty and a
 * macrotask turn comes round), time jumps to the earliest timer and fires it.
 * Minutes of simulated latency run in milliseconds, and durations measured
 * with `now()` are exact.
 *
 * Work that waits on real I/O is invisible to it: use it only with tasks whose
 * waiting is done through `sleep`.
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  #scheduled = false;

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Timers not fired yet. */
  get pending(): number {
    return this.#timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate runs only after the microtask queue is drained, i.e. once
    // every promise chain woken by the last timer has registered its next wait.
    setImmediate(() => {
      this.#scheduled = false;
      this.#fireNext();
    });
  }

  #fireNext(): void {
    if (this.#timers.length === 0) return;
    let next = 0;
    for (let i = 1; i < this.#timers.length; i++) {
      const t = this.#timers[i]!;
      const n = this.#timers[next]!;
      if (t.at < n.at || (t.at === n.at && t.seq < n.seq)) next = i;
    }
    const [timer] = this.#timers.splice(next, 1);
    this.#now = Math.max(this.#now, timer!.at);
    timer!.resolve();
    if (this.#timers.length > 0) this.#schedule();
  }
}
