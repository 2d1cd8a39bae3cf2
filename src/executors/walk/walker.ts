import { CtoError } from '../../diagnostics/error.js';
import { type Clock, systemClock } from '../../time/clock.js';
import type { WalkEvent } from './events.js';
import { type Outcome, runTask } from './run-task.js';
import type { TaskResult, WalkTask } from './task.js';
import { checkTaskGraph } from './task-graph.js';
import { chainLengths, dependentsOf } from '../../graph/dag.js';

export type { Clock } from '../../time/clock.js';
export { systemClock } from '../../time/clock.js';
export type { WalkEvent } from './events.js';
export type { RetryPolicy } from './retry.js';
export type { TaskIO, TaskResult, TaskStatus, WalkTask } from './task.js';
export { TaskTimeoutError } from './task-timeout.js';

export interface WalkOptions {
  /** How many tasks run at once, in total. */
  parallelism: number;
  /** Per-key limits for tasks with a `concurrencyKey`; a key not listed allows 1. */
  concurrency?: Record<string, number>;
  clock?: Clock;
  /** Aborted: start nothing new (not-started tasks end `cancelled`); running ones finish. */
  drain?: AbortSignal;
  /** Aborted: also abort the signals of running tasks. */
  signal?: AbortSignal;
  onEvent?(e: WalkEvent): void;
  /** Applied to every error and progress text in events. */
  redact?(text: string): string;
  /** Source of backoff jitter in [0, 1); tests pin it. */
  random?: () => number;
}

/**
 * Runs tasks as a dependency graph: each task starts the moment its last
 * dependency is done (no level barriers), within a global limit and per-key
 * limits. A failure blocks only the failed task's dependents; independent
 * branches run to the end. Resolves once every task has a result.
 */
export function walk<V>(tasks: WalkTask<V>[], opts: WalkOptions): Promise<Map<string, TaskResult<V>>> {
  if (!Number.isInteger(opts.parallelism) || opts.parallelism < 1) {
    throw new CtoError({ severity: 'error', message: `parallelism must be a whole number of at least 1, got ${opts.parallelism}` });
  }
  // A limit below 1 would leave its tasks waiting forever.
  for (const [key, limit] of Object.entries(opts.concurrency ?? {})) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new CtoError({ severity: 'error', message: `concurrency limit for ${key} must be a whole number of at least 1, got ${limit}` });
    }
  }
  checkTaskGraph(tasks);
  return new Walk(tasks, opts).run();
}

class Walk<V> {
  readonly #clock: Clock;
  readonly #tasks: WalkTask<V>[];
  readonly #index = new Map<string, number>();
  readonly #dependents: Map<string, string[]>;
  readonly #waitingOn = new Map<string, number>();
  readonly #results = new Map<string, TaskResult<V>>();
  readonly #startedAt = new Map<string, number>();
  /** Per task index: the most tasks on any chain from it to the end of the graph (itself included). */
  readonly #downstream: number[];
  /** Tasks whose dependencies are done, longest downstream chain first, then in the order they were given. */
  #ready: number[] = [];
  #running = 0;
  readonly #runningPerKey = new Map<string, number>();
  #draining = false;
  #finish!: (results: Map<string, TaskResult<V>>) => void;

  constructor(
    tasks: WalkTask<V>[],
    private readonly opts: WalkOptions,
  ) {
    this.#clock = opts.clock ?? systemClock;
    this.#tasks = tasks;
    this.#dependents = dependentsOf(tasks);
    tasks.forEach((t, i) => {
      this.#index.set(t.id, i);
      const waiting = new Set(t.dependsOn).size;
      this.#waitingOn.set(t.id, waiting);
      if (waiting === 0) this.#ready.push(i);
    });
    this.#downstream = chainLengths(tasks, this.#dependents);
    // Ready in critical-path order from the start.
    this.#ready.sort((a, b) => this.#downstream[b]! - this.#downstream[a]! || a - b);
  }

  run(): Promise<Map<string, TaskResult<V>>> {
    return new Promise((resolve) => {
      const stop = () => {
        this.#draining = true;
        this.#pump();
      };
      const signals = [this.opts.drain, this.opts.signal].filter((s) => s !== undefined);
      this.#finish = (results) => {
        // The signals outlive the walk (one per CLI run); do not keep this walk reachable from them.
        for (const s of signals) s.removeEventListener('abort', stop);
        resolve(results);
      };
      for (const s of signals) {
        if (s.aborted) this.#draining = true;
        else s.addEventListener('abort', stop, { once: true });
      }
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#draining) {
      for (const t of this.#tasks) {
        if (!this.#results.has(t.id) && !this.#startedAt.has(t.id)) this.#settle(t.id, { status: 'cancelled', attempts: 0 });
      }
      this.#ready = [];
    }
    for (let i = 0; i < this.#ready.length && this.#running < this.opts.parallelism; ) {
      const task = this.#tasks[this.#ready[i]!]!;
      if (task.concurrencyKey !== undefined && this.#keyFull(task.concurrencyKey)) {
        i++;
        continue;
      }
      this.#ready.splice(i, 1);
      this.#start(task);
    }
    if (this.#running === 0 && this.#results.size === this.#tasks.length) {
      this.#finish(new Map(this.#tasks.map((t) => [t.id, this.#results.get(t.id)!])));
    }
  }

  #keyFull(key: string): boolean {
    return (this.#runningPerKey.get(key) ?? 0) >= (this.opts.concurrency?.[key] ?? 1);
  }

  #start(task: WalkTask<V>): void {
    this.#running++;
    if (task.concurrencyKey !== undefined) this.#runningPerKey.set(task.concurrencyKey, (this.#runningPerKey.get(task.concurrencyKey) ?? 0) + 1);
    this.#startedAt.set(task.id, this.#clock.now());
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      this.#running--;
      if (task.concurrencyKey !== undefined) this.#runningPerKey.set(task.concurrencyKey, this.#runningPerKey.get(task.concurrencyKey)! - 1);
    };
    const env = {
      clock: this.#clock,
      random: this.opts.random ?? Math.random,
      emit: (e: WalkEvent) => this.#emit(e),
      describe: (err: unknown) => this.#describe(err),
      release: () => {
        if (!holding || this.#results.has(task.id)) return;
        release();
        // Not from inside the task's own call stack: start the next tasks on a fresh turn.
        queueMicrotask(() => this.#pump());
      },
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    };
    const done = (outcome: Outcome<V>) => {
      release();
      this.#done(task, outcome);
    };
    runTask(task, env).then(done, (err: unknown) => done({ status: 'failed', error: err, attempts: 1 }));
  }

  #done(task: WalkTask<V>, outcome: Outcome<V>): void {
    this.#settle(task.id, outcome);
    if (outcome.status === 'done') {
      for (const dependent of this.#dependents.get(task.id)!) {
        const left = this.#waitingOn.get(dependent)! - 1;
        this.#waitingOn.set(dependent, left);
        if (left === 0 && !this.#results.has(dependent)) this.#enqueue(this.#index.get(dependent)!);
      }
    } else {
      this.#skipDependents(task.id, outcome.status === 'failed' ? 'blocked' : 'cancelled');
    }
    this.#pump();
  }

  /**
   * Critical-path order: when slots are scarce, the task with the longest chain still behind it goes
   * first (a server before the config of a server already up); ties in the given order, so runs are
   * reproducible.
   */
  #enqueue(index: number): void {
    const before = (a: number, b: number) => this.#downstream[a]! > this.#downstream[b]! || (this.#downstream[a] === this.#downstream[b] && a < b);
    let at = this.#ready.length;
    while (at > 0 && before(index, this.#ready[at - 1]!)) at--;
    this.#ready.splice(at, 0, index);
  }

  #skipDependents(root: string, status: 'blocked' | 'cancelled'): void {
    const queue = [...this.#dependents.get(root)!];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (this.#results.has(id)) continue;
      this.#settle(id, status === 'blocked' ? { status, attempts: 0, blockedBy: root } : { status, attempts: 0 });
      queue.push(...this.#dependents.get(id)!);
    }
  }

  #settle(id: string, outcome: Outcome<V> | { status: 'blocked' | 'cancelled'; attempts: number; blockedBy?: string }): void {
    const at = this.#clock.now();
    const startedAt = this.#startedAt.get(id);
    const result: TaskResult<V> = { id, status: outcome.status, attempts: outcome.attempts };
    if ('value' in outcome) result.value = outcome.value;
    if ('error' in outcome) result.error = outcome.error;
    if ('blockedBy' in outcome && outcome.blockedBy !== undefined) result.blockedBy = outcome.blockedBy;
    if (startedAt !== undefined) {
      result.startedAt = startedAt;
      result.finishedAt = at;
    }
    this.#results.set(id, result);
    switch (result.status) {
      case 'done':
        this.#emit({ type: 'finished', id, at, durationMs: at - (startedAt ?? at) });
        break;
      case 'failed':
        this.#emit({ type: 'failed', id, at, error: this.#describe(result.error) });
        break;
      case 'blocked':
        this.#emit({ type: 'blocked', id, at, by: result.blockedBy! });
        break;
      case 'cancelled':
        this.#emit({ type: 'cancelled', id, at });
        break;
    }
  }

  #emit(e: WalkEvent): void {
    if (e.type === 'progress' && this.opts.redact) e = { ...e, message: this.opts.redact(e.message) };
    this.opts.onEvent?.(e);
  }

  #describe(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    return this.opts.redact ? this.opts.redact(text) : text;
  }
}

