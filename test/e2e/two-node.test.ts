import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  /** Everything cto printed or wrote outside its secrets files, grepped for secrets at the end. */
  const outputs: string[] = [];
  const cto = async (args: string[]) => {
    const r = await runCto(args, { env: world.env, timeoutMs: 600_000 });
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const plan = async () => {
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
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
    const r = await cto(['apply', '-f', spec, '--auto-approve', '--json']);
    expect(r.stderr).toContain('is ready');
    // --json progress: one event object per line.
    const events = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; id: string });
    expect(events.filter((e) => e.type === 'finished').map((e) => e.id)).toContain('talos/bootstrap');
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
    const r = await cto(['apply', '-f', spec, '--auto-approve', '--json']);
    expect(r.code).toBe(0);
    const after = await plan();
    expect(changed(after.plan)).toEqual([]);
    expect(after.code).toBe(0);
    expect([...world.sim.state.servers.values()].length).toBe(3);
  }, 900_000);

  it('renders markdown and saves plan files without a single secret', async () => {
    const md = await cto(['plan', '-f', spec, '--format', 'markdown']);
    expect(md.stdout).toContain('No changes.');
    const planFile = join(world.dir, 'plan.json');
    expect((await cto(['plan', '-f', spec, '--out', planFile])).code).toBe(0);
    outputs.push(readFileSync(planFile, 'utf8'));
  }, 300_000);

  it('no secret appears in any output, plan file or state file but the secrets files', () => {
    const stateDir = join(world.dir, '.cto', 'cto-prod');
    const secretValues = [
      world.env.LATITUDE_API_KEY!,
      world.env.GITOPS_TOKEN!,
      ...keyMaterial(readFileSync(join(stateDir, 'talos', 'secrets.yaml'), 'utf8')),
      ...keyMaterial(readFileSync(join(stateDir, 'kubeconfig'), 'utf8')),
    ];
    expect(secretValues.length).toBeGreaterThan(5);
    const stateFiles = readdirSync(stateDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .filter((f) => !f.includes(`${join(stateDir, 'talos')}/`) && f !== join(stateDir, 'kubeconfig'));
    const haystacks = [...outputs, ...stateFiles.map((f) => readFileSync(f, 'utf8'))];
    for (const secret of secretValues) {
      for (const h of haystacks) expect(h.includes(secret), `a secret leaked (${secret.slice(0, 4)}…)`).toBe(false);
    }
    for (const f of [...stateFiles, join(stateDir, 'talos', 'secrets.yaml')]) expect(statSync(f).mode & 0o077).toBe(0);
    expect(statSync(stateDir).mode & 0o077).toBe(0);
  });
});

/** Values of private keys, tokens and secrets in a YAML file (certificates are public and left out). */
function keyMaterial(text: string): string[] {
  return [...text.matchAll(/^\s*[\w-]*(?:key|token|secret)[\w-]*:\s+"?([A-Za-z0-9+/=._-]{16,})"?\s*$/gim)].map((m) => m[1]!);
}
