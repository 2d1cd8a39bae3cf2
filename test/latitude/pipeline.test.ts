import { afterEach, describe, expect, it } from 'vitest';
import { RunContext } from '../../src/executors/context.js';
import { DEFAULT_CONCURRENCY, execute } from '../../src/engine/execute.js';
import { kinds } from '../../src/executors/latitude/index.js';
import type { KindRegistry } from '../../src/executors/registry.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import { harness, type Harness } from './context.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const registry: KindRegistry = new Map(kinds.map((k) => [k.kind, k]));

/** A run of the product's pipeline whose Latitude client is the harness's tuned one. */
function runOf(h: Harness): RunContext {
  const run = new RunContext({ spec: h.cluster, secrets: h.secrets, state: h.state, journal: h.journal, env: h.env });
  h.seed(run.cache);
  return run;
}

/** The Latitude steps through the product's own planner and executor (walker, limits, retries). */
describe('latitude steps in the real plan/apply pipeline', () => {
  it('plans, applies under faults with the write limit, and plans no changes after', async () => {
    h = await harness({ spec: { workers: 5 }, sim: { seed: 5, faults: { errorRate: 0.1, rateLimitRate: 0.05, dropAfterCommitRate: 0.2 } } });

    const run = runOf(h);
    const planned = await observeAndDiff(h.steps, registry, run, { parallelism: 16 });
    expect(planned.map((p) => [p.step.id, p.change.action])).toEqual([
      ['region', 'noop'],
      ['server/cp-0', 'create'],
      ...Array.from({ length: 5 }, (_, i) => [`server/worker-${i}`, 'create']),
    ]);
    const results = await execute(planned, registry, run, { parallelism: 16, allowDestroy: false, concurrency: DEFAULT_CONCURRENCY });
    for (const [id, r] of results) expect(r.status, `${id}: ${String(r.error)}`).toBe('done');
    expect([...h.sim.state.servers.values()].map((s) => s.hostname).sort()).toEqual(
      ['demo-cp-0', ...Array.from({ length: 5 }, (_, i) => `demo-worker-${i}`)].sort(),
    );
    expect(run.outputs.get('server/worker-4')).toMatchObject({ hostname: 'demo-worker-4', status: 'on' });

    const again = await observeAndDiff(h.steps, registry, runOf(h), { parallelism: 16 });
    expect(again.every((p) => p.change.action === 'noop')).toBe(true);
  });

  it('refuses a destructive replace unless destruction is allowed', async () => {
    h = await harness({ spec: { workers: 1 } });
    const first = runOf(h);
    await execute(await observeAndDiff(h.steps, registry, first, { parallelism: 8 }), registry, first, { parallelism: 8, allowDestroy: false });
    const step = h.steps.find((s) => s.id === 'server/worker-0')!;
    step.desired = { ...(step.desired as object), plan: 'c3-small-x86' };
    const run = runOf(h);
    const planned = await observeAndDiff(h.steps, registry, run, { parallelism: 8 });
    expect(planned.find((p) => p.step.id === 'server/worker-0')!.change).toMatchObject({ action: 'replace', destructive: true });
    const results = await execute(planned, registry, run, { parallelism: 8, allowDestroy: false });
    expect(results.get('server/worker-0')!.status).toBe('failed');
    expect([...h.sim.state.servers.values()].map((s) => s.plan.slug)).toEqual(['c2-small-x86', 'c2-small-x86']);
  });
});
