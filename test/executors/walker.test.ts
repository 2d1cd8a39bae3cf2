import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { TaskTimeoutError, walk, type WalkEvent, type WalkTask } from '../../src/executors/walk/walker.js';
import { FakeClock } from '../support/fake-clock.js';
import { collect, criticalPath, sleeper } from './walk-helpers.js';

/** Random DAGs: task i may depend only on tasks before it. */
const dagArb = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }),
      fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom(undefined, 'a', 'b'), { minLength: n, maxLength: n }),
    ),
  )
  .map(([durations, picks, keys]) =>
    durations.map((ms, i) => ({
      id: `t${i}`,
      ms,
      key: keys[i],
      dependsOn: i === 0 ? [] : [...new Set(picks[i]!.map((p) => `t${p % i}`))],
    })),
  );

describe('walk', () => {
  it('starts a task only after every dependency finished, and never exceeds the limits', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), async (graph, parallelism, keyLimit) => {
        const clock = new FakeClock();
        const order: string[] = [];
        let running = 0;
        let peak = 0;
        const perKey = new Map<string, number>();
        const peakKey = new Map<string, number>();
        const tasks: WalkTask<string>[] = graph.map((g) => ({
          id: g.id,
          dependsOn: g.dependsOn,
          ...(g.key ? { concurrencyKey: g.key } : {}),
          async run() {
            order.push(`start:${g.id}`);
            running++;
            peak = Math.max(peak, running);
            if (g.key) {
              perKey.set(g.key, (perKey.get(g.key) ?? 0) + 1);
              peakKey.set(g.key, Math.max(peakKey.get(g.key) ?? 0, perKey.get(g.key)!));
            }
            await clock.sleep(g.ms);
            running--;
            if (g.key) perKey.set(g.key, perKey.get(g.key)! - 1);
            order.push(`end:${g.id}`);
            return g.id;
          },
        }));
        const results = await walk(tasks, { parallelism, clock, concurrency: { a: keyLimit, b: keyLimit } });
        for (const g of graph) {
          const r = results.get(g.id)!;
          expect(r.status).toBe('done');
          for (const dep of g.dependsOn) {
            expect(order.indexOf(`end:${dep}`)).toBeLessThan(order.indexOf(`start:${g.id}`));
            expect(results.get(dep)!.finishedAt!).toBeLessThanOrEqual(r.startedAt!);
          }
        }
        expect(peak).toBeLessThanOrEqual(parallelism);
        for (const p of peakKey.values()) expect(p).toBeLessThanOrEqual(keyLimit);
      }),
      { numRuns: 150 },
    );
  });

  it('with enough parallelism, the makespan of any DAG is its critical path', async () => {
    await fc.assert(
      fc.asyncProperty(dagArb, async (graph) => {
        const clock = new FakeClock();
        const tasks = graph.map((g) => sleeper(clock, g.id, g.dependsOn, g.ms));
        await walk(tasks, { parallelism: graph.length, clock });
        expect(clock.now()).toBe(criticalPath(graph, new Map(graph.map((g) => [g.id, g.ms]))));
      }),
      { numRuns: 100 },
    );
  });

  it('makespan equals the critical path for a wide graph (200 independent chains)', async () => {
    const clock = new FakeClock();
    const tasks: WalkTask<string>[] = [];
    const durations = new Map<string, number>();
    for (let c = 0; c < 200; c++) {
      for (let s = 0; s < 3; s++) {
        const id = `c${c}/s${s}`;
        const ms = 60_000 * (1 + ((c * 7 + s * 3) % 11));
        durations.set(id, ms);
        tasks.push(sleeper(clock, id, s === 0 ? [] : [`c${c}/s${s - 1}`], ms));
      }
    }
    const results = await walk(tasks, { parallelism: 200, clock });
    const makespan = Math.max(...[...results.values()].map((r) => r.finishedAt!));
    const cp = criticalPath(tasks, durations);
    expect(Math.abs(makespan - cp) / cp).toBeLessThan(0.01);
  });

  it('makespan equals the critical path for a deep graph (a 300-step chain with side branches)', async () => {
    const clock = new FakeClock();
    const tasks: WalkTask<string>[] = [];
    const durations = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      tasks.push(sleeper(clock, `main${i}`, i === 0 ? [] : [`main${i - 1}`], 1_000 + (i % 5) * 100));
      durations.set(`main${i}`, 1_000 + (i % 5) * 100);
      tasks.push(sleeper(clock, `side${i}`, i === 0 ? [] : [`main${i - 1}`], 900));
      durations.set(`side${i}`, 900);
    }
    const results = await walk(tasks, { parallelism: 4, clock });
    const makespan = Math.max(...[...results.values()].map((r) => r.finishedAt!));
    expect(makespan).toBe(criticalPath(tasks, durations));
  });

  it('starts a task the moment its own dependencies are done, not when its level is', async () => {
    // Level-by-level scheduling would start b2 only after a1 (10 min) finished.
    const clock = new FakeClock();
    const tasks = [sleeper(clock, 'a1', [], 600_000), sleeper(clock, 'a2', [], 1_000), sleeper(clock, 'b2', ['a2'], 1_000)];
    const results = await walk(tasks, { parallelism: 10, clock });
    expect(results.get('b2')!.startedAt).toBe(1_000);
    expect(results.get('b2')!.finishedAt).toBe(2_000);
  });

  it('runs tasks sharing a concurrency key at most that many at a time', async () => {
    for (const [limit, expected] of [
      [undefined, 6 * 5_000],
      [2, 3 * 5_000],
      [3, 2 * 5_000],
    ] as const) {
      const clock = new FakeClock();
      const tasks = Array.from({ length: 6 }, (_, i) => sleeper(clock, `talos/${i}`, [], 5_000, { concurrencyKey: 'talos:cp-0' }));
      tasks.push(sleeper(clock, 'other', [], 5_000));
      const results = await walk(tasks, { parallelism: 10, clock, ...(limit ? { concurrency: { 'talos:cp-0': limit } } : {}) });
      expect(Math.max(...[...results.values()].map((r) => r.finishedAt!))).toBe(expected);
      expect(results.get('other')!.finishedAt).toBe(5_000);
    }
  });

  it('a task that releases its slots after the rate-limited part lets the next ones start', async () => {
    // Six server creations under a write limit of 2: create (5 s), then wait for the deploy (10 min).
    const run = async (releaseAfterCreate: boolean) => {
      const clock = new FakeClock();
      let writing = 0;
      let peakWriting = 0;
      const tasks: WalkTask<string>[] = Array.from({ length: 6 }, (_, i) => ({
        id: `server/worker-${i}`,
        dependsOn: [],
        concurrencyKey: 'latitude:write',
        async run({ release }) {
          writing++;
          peakWriting = Math.max(peakWriting, writing);
          await clock.sleep(5_000);
          writing--;
          if (releaseAfterCreate) {
            release();
            release();
          }
          await clock.sleep(600_000);
          return 'on';
        },
      }));
      const results = await walk(tasks, { parallelism: 3, clock, concurrency: { 'latitude:write': 2 } });
      expect([...results.values()].every((r) => r.status === 'done')).toBe(true);
      return { makespan: clock.now(), peakWriting };
    };
    expect(await run(false)).toEqual({ makespan: 3 * 605_000, peakWriting: 2 });
    // released: creations go out in waves of 2 every 5 s, deploys overlap; calling release twice changes nothing
    expect(await run(true)).toEqual({ makespan: 3 * 5_000 + 600_000, peakWriting: 2 });
  });

  it('a failed task blocks its transitive dependents while independent branches finish', async () => {
    const clock = new FakeClock();
    const { events, onEvent } = collect();
    const tasks = [
      sleeper(clock, 'a', [], 1_000),
      {
        id: 'b',
        dependsOn: ['a'],
        async run() {
          await clock.sleep(1_000);
          throw new Error('boom');
        },
      },
      sleeper(clock, 'c', ['b'], 1_000),
      sleeper(clock, 'd', ['c', 'a'], 1_000),
      sleeper(clock, 'e', ['a'], 5_000),
      sleeper(clock, 'f', [], 9_000),
    ];
    const results = await walk(tasks, { parallelism: 10, clock, onEvent });
    expect(Object.fromEntries([...results].map(([id, r]) => [id, r.status]))).toEqual({
      a: 'done',
      b: 'failed',
      c: 'blocked',
      d: 'blocked',
      e: 'done',
      f: 'done',
    });
    expect(results.get('c')!.blockedBy).toBe('b');
    expect(results.get('d')!.blockedBy).toBe('b');
    expect((results.get('b')!.error as Error).message).toBe('boom');
    expect(results.get('e')!.finishedAt).toBe(6_000);
    expect(events).toContainEqual({ type: 'failed', id: 'b', at: 2_000, error: 'boom' });
    expect(events).toContainEqual({ type: 'blocked', id: 'd', at: 2_000, by: 'b' });
  });

  it('retries retryable errors with capped exponential backoff, up to the attempt limit', async () => {
    const clock = new FakeClock();
    const { events, onEvent } = collect();
    let calls = 0;
    const task: WalkTask<string> = {
      id: 'flaky',
      dependsOn: [],
      retry: { attempts: 4, baseMs: 1_000, maxMs: 3_000 },
      retryable: (err) => (err as Error).message === '503',
      async run({ attempt }) {
        calls++;
        expect(attempt).toBe(calls);
        throw new Error('503');
      },
    };
    const results = await walk([task], { parallelism: 1, clock, onEvent, random: () => 0.999 });
    expect(calls).toBe(4);
    expect(results.get('flaky')).toMatchObject({ status: 'failed', attempts: 4 });
    const delays = events.flatMap((e) => (e.type === 'retrying' ? [e.delayMs] : []));
    // full jitter with random→1: the cap doubles from base until it hits maxMs
    expect(delays).toEqual([999, 1_998, 2_997]);
    expect(clock.now()).toBe(999 + 1_998 + 2_997);
    expect(events.filter((e) => e.type === 'started').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2, 3, 4]);
  });

  it('succeeds on a later attempt, and never retries an error that is not retryable', async () => {
    const clock = new FakeClock();
    let flakyCalls = 0;
    let fatalCalls = 0;
    const tasks: WalkTask<string>[] = [
      {
        id: 'flaky',
        dependsOn: [],
        retry: { attempts: 5, baseMs: 100, maxMs: 1_000 },
        retryable: () => true,
        async run() {
          if (++flakyCalls < 3) throw new Error('Unavailable');
          return 'ok';
        },
      },
      {
        id: 'fatal',
        dependsOn: [],
        retry: { attempts: 5, baseMs: 100, maxMs: 1_000 },
        retryable: (err) => (err as Error).message !== '422 invalid plan',
        async run() {
          fatalCalls++;
          throw new Error('422 invalid plan');
        },
      },
      {
        id: 'no-predicate',
        dependsOn: [],
        retry: { attempts: 5, baseMs: 100, maxMs: 1_000 },
        async run() {
          throw new Error('x');
        },
      },
    ];
    const results = await walk(tasks, { parallelism: 3, clock });
    expect(results.get('flaky')).toMatchObject({ status: 'done', value: 'ok', attempts: 3 });
    expect(results.get('fatal')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fatalCalls).toBe(1);
    expect(results.get('no-predicate')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('fails a task that exceeds its timeout, aborting its signal, and names the task and the limit', async () => {
    const clock = new FakeClock();
    let sawAbort: unknown;
    const results = await walk(
      [
        {
          id: 'server/cp-0',
          dependsOn: [],
          timeoutMs: 90_000,
          async run({ signal }) {
            try {
              await clock.sleep(600_000, signal);
            } catch (err) {
              sawAbort = err;
              throw err;
            }
            return 'never';
          },
        },
        sleeper(clock, 'after', ['server/cp-0'], 1_000),
      ],
      { parallelism: 2, clock },
    );
    const r = results.get('server/cp-0')!;
    expect(r.status).toBe('failed');
    expect(r.error).toBeInstanceOf(TaskTimeoutError);
    expect((r.error as Error).message).toBe('server/cp-0 timed out after 1m30s');
    expect(sawAbort).toBe(r.error);
    expect(r.finishedAt).toBe(90_000);
    expect(results.get('after')).toMatchObject({ status: 'blocked', blockedBy: 'server/cp-0' });
    expect(clock.pending).toBe(0);
  });

  it('abandons a task that ignores its aborted signal once its time is up', async () => {
    const clock = new FakeClock();
    const { events, onEvent } = collect();
    const results = await walk(
      [
        {
          id: 'hung',
          dependsOn: [],
          timeoutMs: 1_000,
          async run({ progress }) {
            await clock.sleep(3_000);
            progress('still talking after the timeout');
            return new Promise<string>(() => undefined);
          },
        },
        sleeper(clock, 'free', [], 5_000, { concurrencyKey: 'k' }),
      ],
      { parallelism: 1, clock, onEvent },
    );
    expect(results.get('hung')).toMatchObject({ status: 'failed', finishedAt: 1_000 });
    expect(events.filter((e) => e.type === 'progress')).toEqual([]);
    // the slot was released at the timeout, so the next task ran then
    expect(results.get('free')).toMatchObject({ status: 'done', startedAt: 1_000, finishedAt: 6_000 });
  });

  it('the timeout covers retries and their backoff', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const results = await walk(
      [
        {
          id: 'slow-retry',
          dependsOn: [],
          timeoutMs: 10_000,
          retry: { attempts: 100, baseMs: 4_000, maxMs: 4_000 },
          retryable: () => true,
          async run({ signal }) {
            calls++;
            await clock.sleep(1_000, signal);
            throw new Error('429');
          },
        },
      ],
      { parallelism: 1, clock, random: () => 0.75 },
    );
    // attempts at 0, 4s, 8s (each 1s of work + 3s backoff); the timeout hits during the third
    expect(calls).toBe(3);
    expect(results.get('slow-retry')).toMatchObject({ status: 'failed', attempts: 3, finishedAt: 10_000 });
    expect(results.get('slow-retry')!.error).toBeInstanceOf(TaskTimeoutError);
  });

  it('drain: nothing new starts, running tasks finish and are recorded, the rest is cancelled', async () => {
    const clock = new FakeClock();
    const drain = new AbortController();
    const started: string[] = [];
    const track = (t: WalkTask<string>): WalkTask<string> => ({
      ...t,
      run: (io) => {
        started.push(t.id);
        return t.run(io);
      },
    });
    const tasks = [
      track(sleeper(clock, 'a', [], 10_000)),
      track(sleeper(clock, 'b', ['a'], 1_000)),
      track(sleeper(clock, 'c', [], 5_000)),
      track({
        id: 'trigger',
        dependsOn: [],
        async run() {
          await clock.sleep(3_000);
          drain.abort();
          return 'x';
        },
      }),
      track(sleeper(clock, 'queued', [], 1_000)),
    ];
    const { events, onEvent } = collect();
    const results = await walk(tasks, { parallelism: 3, clock, drain: drain.signal, onEvent });
    expect([...started].sort()).toEqual(['a', 'c', 'trigger']);
    expect(results.get('a')).toMatchObject({ status: 'done', finishedAt: 10_000 });
    expect(results.get('c')).toMatchObject({ status: 'done', finishedAt: 5_000 });
    expect(results.get('trigger')).toMatchObject({ status: 'done' });
    expect(results.get('b')).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(results.get('queued')).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(events).toContainEqual({ type: 'cancelled', id: 'queued', at: 3_000 });
  });

  it('abort: running tasks see their signal aborted and end cancelled, with their dependents', async () => {
    const clock = new FakeClock();
    const abort = new AbortController();
    const seen: string[] = [];
    const tasks: WalkTask<string>[] = [
      {
        id: 'long',
        dependsOn: [],
        async run({ signal }) {
          signal.addEventListener('abort', () => seen.push('long'));
          await clock.sleep(600_000, signal);
          return 'x';
        },
      },
      sleeper(clock, 'after-long', ['long'], 1_000),
      {
        id: 'aborter',
        dependsOn: [],
        async run() {
          await clock.sleep(2_000);
          abort.abort(new Error('interrupted'));
          return 'x';
        },
      },
    ];
    const results = await walk(tasks, { parallelism: 5, clock, signal: abort.signal });
    expect(seen).toEqual(['long']);
    expect(results.get('long')).toMatchObject({ status: 'cancelled', finishedAt: 2_000 });
    expect(results.get('after-long')).toMatchObject({ status: 'cancelled' });
    expect(results.get('aborter')).toMatchObject({ status: 'done' });
  });

  it('when slots are scarce, starts the ready task with the longest chain behind it first (critical-path order)', async () => {
    const started: string[] = [];
    const t = (id: string, dependsOn: string[]): WalkTask => ({ id, dependsOn, run: async () => void started.push(id) });
    // Given config-of-an-up-server first, then the next servers: the servers' longer chains go first.
    await walk(
      [t('region', []), t('server/cp-0', ['region']), t('config/cp-0', ['server/cp-0']), t('bootstrap', ['config/cp-0']), t('api', ['bootstrap']), t('config/w-0', ['server/w-0']), t('server/w-0', ['region']), t('pool/w-0', ['config/w-0', 'api'])],
      { parallelism: 1 },
    );
    expect(started).toEqual(['region', 'server/cp-0', 'config/cp-0', 'bootstrap', 'server/w-0', 'api', 'config/w-0', 'pool/w-0']);
  });

  it('rejects unknown dependencies, duplicates and cycles up front, naming them', () => {
    const t = (id: string, dependsOn: string[]): WalkTask => ({ id, dependsOn, run: async () => id });
    expect(() => walk([t('a', ['ghost'])], { parallelism: 1 })).toThrow('task a depends on unknown task ghost');
    expect(() => walk([t('a', []), t('a', [])], { parallelism: 1 })).toThrow('task a is defined twice');
    let caught: unknown;
    try {
      walk([t('x', []), t('a', ['c']), t('b', ['a']), t('c', ['b'])], { parallelism: 1 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CtoError);
    expect((caught as CtoError).diagnostics[0]!.message).toBe('tasks form a cycle: a → c → b → a');
    expect(() => walk([t('a', ['a'])], { parallelism: 1 })).toThrow('tasks form a cycle: a → a');
    expect(() => walk([], { parallelism: 0 })).toThrow('parallelism must be a whole number');
    expect(() => walk([], { parallelism: 2, concurrency: { 'latitude:write': 0 } })).toThrow('concurrency limit for latitude:write must be a whole number of at least 1, got 0');
  });

  it('redacts secrets in error and progress texts of events', async () => {
    const clock = new FakeClock();
    const { events, onEvent } = collect();
    const secret = 'lat_sk_0123456789';
    await walk(
      [
        {
          id: 'leaky',
          dependsOn: [],
          retry: { attempts: 2, baseMs: 10, maxMs: 10 },
          retryable: () => true,
          async run({ progress }) {
            progress(`calling with ${secret}`);
            throw new Error(`401 for key ${secret}`);
          },
        },
      ],
      { parallelism: 1, clock, onEvent, redact: (s) => s.split(secret).join('(sensitive)') },
    );
    const text = JSON.stringify(events);
    expect(text).not.toContain(secret);
    expect(events).toContainEqual(expect.objectContaining({ type: 'failed', error: '401 for key (sensitive)' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'retrying', error: '401 for key (sensitive)' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'progress', message: 'calling with (sensitive)' }));
  });

  it('reports every task exactly once in a terminal event, and resolves for an empty graph', async () => {
    expect((await walk([], { parallelism: 1 })).size).toBe(0);
    const clock = new FakeClock();
    const { events, onEvent } = collect();
    const tasks = [sleeper(clock, 'a', [], 10), { id: 'b', dependsOn: ['a'], run: async () => Promise.reject(new Error('no')) }, sleeper(clock, 'c', ['b'], 10)];
    await walk(tasks as WalkTask<string>[], { parallelism: 2, clock, onEvent });
    const terminal = (e: WalkEvent) => ['finished', 'failed', 'blocked', 'cancelled'].includes(e.type);
    expect(events.filter(terminal).map((e) => `${e.type}:${e.id}`)).toEqual(['finished:a', 'failed:b', 'blocked:c']);
  });
});
