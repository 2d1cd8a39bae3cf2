import { afterEach, describe, expect, it } from 'vitest';
import { renderPlanHuman } from '../../src/cli/render/plan-human.js';
import { renderPlanMarkdown } from '../../src/cli/render/plan-markdown.js';
import { RunContext } from '../../src/executors/context.js';
import { kinds } from '../../src/executors/latitude/index.js';
import type { KindRegistry } from '../../src/executors/registry.js';
import { buildPlan } from '../../src/planner/build-plan.js';
import { compile } from '../../src/planner/compile.js';
import { retiredNodes } from '../../src/planner/nodes.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import type { Plan } from '../../src/planner/plan.js';
import type { Step } from '../../src/planner/step.js';
import { apply, clusterSpec, harness, type Harness, type SpecShape } from './context.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const registry: KindRegistry = new Map(kinds.map((k) => [k.kind, k]));

/** `cto plan` of the Latitude steps for `shape` against the harness's simulator, as the JSON plan. */
async function planFor(h: Harness, shape: SpecShape, opts: { retire?: boolean } = {}): Promise<Plan> {
  const { cluster, secrets } = clusterSpec(h.sim.url, shape);
  const hostnames = [...h.sim.state.servers.values()].map((s) => s.hostname);
  const all = compile(cluster, opts.retire ? { retired: retiredNodes(cluster, hostnames) } : {}).steps.filter((s) => s.kind.startsWith('latitude.'));
  const ids = new Set(all.map((s) => s.id));
  const steps: Step[] = all.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => ids.has(d)) }));
  const run = new RunContext({ spec: cluster, secrets, state: h.state, journal: h.journal, env: h.env });
  h.seed(run.cache);
  const planned = await observeAndDiff(steps, registry, run, { parallelism: 8 });
  return buildPlan(planned, { cluster: 'demo', specFile: 'cluster.yaml', specHash: 'h', toolVersion: '0.0.0', allowDestroy: true, secrets });
}

describe('cost in the plan, from the catalog’s per-site prices', () => {
  it('adding a worker shows its hourly and monthly cost in the markdown plan, per server and in total', async () => {
    h = await harness({ spec: { workers: 1 } });
    await apply(h.run(), h.steps);
    const plan = await planFor(h, { workers: 2 });
    // c2-small-x86 at MIA2 (United States): 0.21 an hour, 146 a month.
    expect(plan.steps.find((s) => s.id === 'server/worker-1')!.cost).toEqual({
      currency: 'USD',
      after: { hour: 0.21, month: 146 },
      change: { hour: 0.21, month: 146 },
    });
    expect(plan.cost).toEqual({ currency: 'USD', change: { hour: 0.21, month: 146 }, unknown: [] });
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('**Cost: +0.21 USD/hour, +146.00 USD/month**');
    expect(md).toMatch(/\+ server\/worker-1: create: server does not exist\n(.*\n)*? {6}cost: \+0\.21 USD\/hour, \+146\.00 USD\/month\n/);
    expect(renderPlanHuman(plan, { color: false })).toContain('Cost: +0.21 USD/hour, +146.00 USD/month');
  });

  it('a plan change costs the difference, a removed worker saves its price, and nothing else is priced', async () => {
    h = await harness({ spec: { workers: 2 } });
    await apply(h.run(), h.steps);
    const replaced = await planFor(h, { workers: 2, plan: 'c3-small-x86' });
    // c3-small-x86 in the United States: 0.32 an hour, 222 a month.
    expect(replaced.steps.find((s) => s.id === 'server/worker-0')!.cost).toEqual({
      currency: 'USD',
      before: { hour: 0.21, month: 146 },
      after: { hour: 0.32, month: 222 },
      change: { hour: 0.11, month: 76 },
    });
    expect(replaced.cost).toEqual({ currency: 'USD', change: { hour: 0.33, month: 228 }, unknown: [] });
    expect(replaced.steps.find((s) => s.id === 'region')!.cost).toBeUndefined();

    const scaledIn = await planFor(h, { workers: 1 }, { retire: true });
    expect(scaledIn.steps.filter((s) => s.action !== 'noop').map((s) => s.id)).toEqual(['server/worker-1']);
    expect(scaledIn.cost).toEqual({ currency: 'USD', change: { hour: -0.21, month: -146 }, unknown: [] });
    expect(renderPlanMarkdown(scaledIn)).toContain('**Cost: -0.21 USD/hour, -146.00 USD/month**');
    expect((await planFor(h, { workers: 2 })).cost).toBeUndefined();
  });

  it('prices in the spec’s currency, and says so when the catalog has no price in it rather than showing zero', async () => {
    h = await harness({ spec: { workers: 0, currency: 'BRL' } });
    const brl = await planFor(h, { workers: 0, currency: 'BRL' });
    expect(brl.cost).toEqual({ currency: 'BRL', change: { hour: 1.04, month: 724 }, unknown: [] });

    const eur = await planFor(h, { workers: 0, currency: 'EUR' });
    expect(eur.cost).toEqual({ currency: 'EUR', change: { hour: 0, month: 0 }, unknown: ['server/cp-0'] });
    const md = renderPlanMarkdown(eur);
    expect(md).toContain('**Cost: price unknown for server/cp-0**');
    expect(md).toContain('cost: price unknown (the catalog gives no EUR price)');
    expect(md).not.toMatch(/0\.00 EUR/);
  });
});
