import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/planner/plan.js';
import { startWorld, writeWorldSpec, type World } from '../../src/demo/world.js';
import { repoRoot, runCto } from '../support/cli.js';

/**
 * The whole mission in one test: examples/two-node.yaml against the Latitude simulator, simulated
 * Talos nodes driven by the real talosctl, and a real local control plane.
 */
describe('end to end: two-node cluster, then scale out', () => {
  let world: World;
  let spec: string;
  const plan = async () => {
    const r = await runCto(['plan', '-f', spec, '--json', '--detailed-exitcode'], { env: world.env, timeoutMs: 300_000 });
    expect(r.stderr).not.toContain('internal error');
    return { code: r.code, plan: JSON.parse(r.stdout) as Plan, stderr: r.stderr };
  };
  const changed = (p: Plan) => p.steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}`).sort();

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-e2e-')), timeScale: 0.005, repoRoot });
    spec = await writeWorldSpec(world, repoRoot, { workers: 1 });
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('plans every step of an empty project (exit 2)', async () => {
    const { code, plan: p } = await plan();
    expect(code).toBe(2);
    expect(p.summary.create).toBeGreaterThanOrEqual(15);
    expect(p.steps.find((s) => s.id === 'server/cp-0')!.action).toBe('create');
  }, 300_000);

  it('applies, and the next plan has no changes (exit 0)', async () => {
    const r = await runCto(['apply', '-f', spec, '--auto-approve'], { env: world.env, timeoutMs: 600_000 });
    expect(r.stderr).toContain('is ready');
    expect(r.code).toBe(0);
    const { code, plan: p } = await plan();
    expect(changed(p)).toEqual([]);
    expect(code).toBe(0);
    const nodes = await world.talos.nodes();
    expect(nodes.reduce((n, x) => n + x.bootstrapCalls, 0)).toBe(1);
    expect([...world.sim.state.servers.values()].length).toBe(2);
  }, 600_000);

  it('scales out to two workers: the plan shows exactly the new server, config, node and pool', async () => {
    spec = await writeWorldSpec(world, repoRoot, { workers: 2, file: spec });
    const { code, plan: p } = await plan();
    expect(code).toBe(2);
    expect(changed(p)).toEqual(['create node/worker-1', 'create server/worker-1', 'create storage/pool/worker-1', 'create talos/config/worker-1']);
    const r = await runCto(['apply', '-f', spec, '--auto-approve'], { env: world.env, timeoutMs: 600_000 });
    expect(r.code).toBe(0);
    const after = await plan();
    expect(changed(after.plan)).toEqual([]);
    expect(after.code).toBe(0);
    expect([...world.sim.state.servers.values()].length).toBe(3);
  }, 900_000);
});
