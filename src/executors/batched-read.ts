import { systemClock, type Clock } from '../time/clock.js';

/**
 * One read of many keys serves every caller that asks about any of them at about the same time:
 * the first asker starts a round covering its key and every key `known()` lists, callers that
 * ask before the round starts join it, and a later caller takes a key's answer from a round at
 * most `maxAgeMs` old that no caller of that key used yet (each caller of a key gets a fresh
 * answer: a poller's next tick reads again). So a plan of N nodes, or N nodes polled together,
 * costs one read per round instead of N.
 */
export class SharedRead<V> {
  readonly #rounds: Round<V>[] = [];
  #next: Round<V> | undefined;

  constructor(
    private readonly readMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly known: () => string[],
    private readonly maxAgeMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The key's answer from a shared round; undefined when the read had none for it. */
  async read(key: string): Promise<V | undefined> {
    const now = this.clock.now();
    const fresh = this.#rounds.find((r) => r.keys.has(key) && !r.used.has(key) && (r.doneAt === undefined || now - r.doneAt <= this.maxAgeMs));
    const round = fresh ?? this.#join(key);
    round.used.add(key);
    return (await round.result).get(key);
  }

  #join(key: string): Round<V> {
    if (this.#next) {
      this.#next.keys.add(key);
      return this.#next;
    }
    const round: Round<V> = { keys: new Set([key, ...this.known()]), used: new Set(), result: undefined as unknown as Promise<Map<string, V>> };
    this.#next = round;
    // Started on the next turn of the event loop, so callers of the same moment share it.
    round.result = new Promise<void>((r) => setImmediate(r)).then(() => {
      this.#next = undefined;
      this.#rounds.unshift(round);
      this.#rounds.length = Math.min(this.#rounds.length, 4);
      return this.readMany([...round.keys]).then(
        (m) => ((round.doneAt = this.clock.now()), m),
        () => ((round.doneAt = this.clock.now()), new Map<string, V>()),
      );
    });
    return round;
  }
}

interface Round<V> {
  keys: Set<string>;
  used: Set<string>;
  result: Promise<Map<string, V>>;
  doneAt?: number;
}
