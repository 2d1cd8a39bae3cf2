import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { KubeApi } from '../../src/clients/kube/api.js';
import { startWorld, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { mergeKubeconfig } from '../../src/executors/kubeconfig/merge.js';
import type { Plan } from '../../src/planner/plan.js';
import { jsonEvents, repoRoot, runCto } from '../support/cli.js';

/**
 * Scale-in and destroy against the whole world: the Latitude simulator, simulated Talos nodes
 * driven by the real talosctl, and a real local control plane holding the Nodes and DiskPools.
 */
describe('end to end: scale in from two workers to one, then destroy', () => {
  let world: World;
  let spec: string;
  const cto = (args: string[]) => runCto(args, { env: world.env, timeoutMs: 600_000 });
  const changed = (p: Plan) => p.steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}`).sort();
  /** What a plan changes, with the reasons, for a failing assertion's message. */
  const why = (p: Plan) => JSON.stringify(p.steps.filter((s) => s.action !== 'noop').map((s) => ({ id: s.id, reason: s.reason, fields: s.fields })));
  const servers = () => [...world.sim.state.servers.values()].map((s) => s.hostname).sort();
  const node = async (name: string) => (await KubeApi.connect(world.controlPlane.kubeconfigPath)).get({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
  /**
   * The real Argo CD controller re-evaluates the Applications every few seconds, and a child can show
   * Progressing for a moment; a plan taken then rightly says gitops/sync would wait. The teardown plan
   * is asserted on a settled cluster: the app-of-apps Synced and Healthy first.
   */
  const settled = () =>
    vi.waitFor(
      async () => {
        const app = await (await KubeApi.connect(world.controlPlane.kubeconfigPath)).get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'app-of-apps', namespace: 'argocd' } });
        expect((app?.status as { sync?: { status?: string }; health?: { status?: string } } | undefined)).toMatchObject({ sync: { status: 'Synced' }, health: { status: 'Healthy' } });
      },
      { timeout: 120_000, interval: 1_000 },
    );

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-scale-in-')), timeScale: 0.005, repoRoot });
    spec = await writeWorldSpec(world, repoRoot, { workers: 2 });
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('applies a cluster with two workers', async () => {
    const r = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    expect(r.stderr).toContain('is ready');
    expect(servers()).toEqual(['cto-prod-cp-0', 'cto-prod-worker-0', 'cto-prod-worker-1']);
    expect(await node('cto-prod-worker-1')).toBeDefined();
  }, 900_000);

  it('plans from what the apply recorded with --refresh=false, without a single Latitude call', async () => {
    const calls = () => [...world.sim.state.calls.values()].reduce((a, b) => a + b, 0);
    const before = calls();
    const r = await cto(['plan', '-f', spec, '--refresh=false', '--json', '--detailed-exitcode']);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(changed(plan), why(plan)).toEqual([]);
    expect(r.code).toBe(0);
    expect(calls()).toBe(before);
    expect((await cto(['plan', '-f', spec, '--refresh=maybe'])).stderr).toContain('--refresh must be true or false (got "maybe")');
  }, 300_000);

  it('plans exactly the teardown of worker-1, refused without --allow-destroy', async () => {
    spec = await writeWorldSpec(world, repoRoot, { workers: 1, file: spec });
    await settled();
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused');
    const plan = JSON.parse(r.stdout) as Plan;
    expect(changed(plan), why(plan)).toEqual(['delete node/worker-1', 'delete server/worker-1', 'delete storage/pool/worker-1', 'delete talos/config/worker-1']);
    expect(plan.steps.filter((s) => s.action === 'delete').every((s) => s.destructive && s.refused)).toBe(true);
    // The record knows worker-1's server too: the same teardown without reading the world.
    const recorded = JSON.parse((await cto(['plan', '-f', spec, '--json', '--no-refresh'])).stdout) as Plan;
    expect(changed(recorded), why(recorded)).toEqual(changed(plan));

    const refused = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(servers()).toHaveLength(3);
  }, 300_000);

  it('with --allow-destroy drains, resets and deletes worker-1, and the next plan is clean', async () => {
    const r = await cto(['apply', '-f', spec, '--allow-destroy', '--auto-approve', '--json']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    expect(servers()).toEqual(['cto-prod-cp-0', 'cto-prod-worker-0']);
    expect(await node('cto-prod-worker-1')).toBeUndefined();
    expect(await node('cto-prod-worker-0')).toBeDefined();
    // The order the issue asks for: pool, then cordon/drain/delete the Node, then the Talos reset, then the server;
    // each step starting only once the one before finished.
    const events = jsonEvents(r.stderr);
    const at = (type: string, id: string) => events.find((e) => e.type === type && e.id === id)?.at ?? Number.NaN;
    const teardown = ['storage/pool/worker-1', 'node/worker-1', 'talos/config/worker-1', 'server/worker-1'];
    for (const [before, after] of teardown.slice(0, -1).map((id, i) => [id, teardown[i + 1]!])) {
      expect(at('finished', before), `${before} finished before ${after} started`).toBeLessThanOrEqual(at('started', after));
    }

    const after = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    const clean = JSON.parse(after.stdout) as Plan;
    expect(changed(clean), why(clean)).toEqual([]);
    expect(after.code).toBe(0);
  }, 900_000);

  it('destroy is refused without --allow-destroy, then deletes every server with it', async () => {
    // Another context beside ours in the merged kubeconfig: destroy must take out ours only.
    const kubeconfig = join(world.env.HOME!, '.kube', 'config');
    const names = (text: string, list: string) => (parse(text)[list] as { name: string }[]).map((i) => i.name).sort();
    expect(names(readFileSync(kubeconfig, 'utf8'), 'contexts')).toEqual(['cto-prod']);
    const staging = { name: 'staging', cluster: { server: 'https://staging.example.com:6443' }, user: { token: 'staging-token' } };
    writeFileSync(kubeconfig, mergeKubeconfig(readFileSync(kubeconfig, 'utf8'), staging, kubeconfig).replace('current-context: staging', 'current-context: cto-prod'));

    const refused = await cto(['destroy', '-f', spec, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(servers()).toHaveLength(2);

    const r = await cto(['destroy', '-f', spec, '--allow-destroy', '--auto-approve', '--json']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { destroyed: string[] };
    expect(summary.destroyed).toEqual(expect.arrayContaining(['server/cp-0', 'server/worker-0', 'talos/config/cp-0', 'node/worker-0', 'storage/pool/worker-0']));
    expect(servers()).toEqual([]);
    const left = readFileSync(kubeconfig, 'utf8');
    for (const list of ['clusters', 'users', 'contexts']) expect(names(left, list), list).toEqual(['staging']);
    expect(parse(left)['current-context']).toBe('');

    const again = await cto(['destroy', '-f', spec, '--auto-approve']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing to destroy');
  }, 900_000);
});
