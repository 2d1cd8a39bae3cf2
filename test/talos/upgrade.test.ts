// Day-2 upgrades against simulated Talos nodes (the real talosctl) and the real control plane:
// an in-place Talos and Kubernetes upgrade in rolling order with its etcd snapshot, an A/B
// rollback that stops the rollout, a degraded Mayastor volume that holds the next node, a
// PodDisruptionBudget that blocks a drain, named; config changes that need a reboot, rolled out the same way.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { stat } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import { execute } from '../../src/engine/execute.js';
import type { RunContext } from '../../src/executors/context.js';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import { KUBECONFIG_FILE, TALOSCONFIG_FILE } from '../../src/state/files.js';
import type { WalkEvent } from '../../src/executors/walk/events.js';
import { compile } from '../../src/planner/compile.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import type { PlannedStep } from '../../src/planner/planned-step.js';
import type { Step } from '../../src/planner/step.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { loadExample } from '../support/specs.js';
import { bootNodes, runWithServers, useSimFleet } from './sim-cluster.js';
import { talosctlBin } from './support.js';

const TIME_SCALE = 0.01;
/** Each case builds a cluster and rolls it: minutes on a loaded machine. */
const CASE_MS = 420_000;
const talos = useSimFleet(TIME_SCALE);
let subnet = 0;

interface Sim {
  name: string;
  addresses: Map<string, string>;
  run: RunContext;
}

const specAt = (name: string, talosVersion: string, kubernetes: string, extra = '', talos = ''): Cluster =>
  loadExample('two-node.yaml', (t) =>
    t
      .replace('name: cto-prod', `name: ${name}`)
      .replace('version: v1.13.9', `version: ${talosVersion}\n    kubernetesVersion: ${kubernetes}${talos}`)
      .replace(/^spec:\n/m, `spec:\n${extra}`),
  ).cluster;

/** The Talos phase only (servers given, not planned; kwok makes Nodes Ready without a CNI). */
function talosSteps(spec: Cluster): Step[] {
  const phase = compile(spec).steps.filter((s) => s.phase === 'talos');
  const ids = new Set(phase.map((s) => s.id));
  return phase.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => ids.has(d)) }));
}

async function plan(spec: Cluster, c: Sim): Promise<{ run: RunContext; planned: PlannedStep[] }> {
  const run = runWithServers(spec, c.addresses, c.run);
  Object.assign(run.services.env, c.run.services.env);
  return { run, planned: await observeAndDiff(talosSteps(spec), talos.kinds, run, { parallelism: 8 }) };
}

async function apply(p: { run: RunContext; planned: PlannedStep[] }, events: WalkEvent[] = []) {
  const results = await execute(p.planned, talos.kinds, p.run, { parallelism: 8, allowDestroy: false, onEvent: (e) => events.push(e) });
  return [...results.values()];
}

const failures = (results: Awaited<ReturnType<typeof apply>>) =>
  results.filter((r) => r.status !== 'done').map((r) => `${r.id}: ${r.status} ${(r.error as Error | undefined)?.message ?? ''}`);

/** A 1 + 1 cluster built at the given versions by the Talos phase. */
async function built(talosVersion: string, kubernetes: string, extra = ''): Promise<Sim> {
  const name = `up-${randomBytes(3).toString('hex')}`;
  const spec = specAt(name, talosVersion, kubernetes, extra);
  const addresses = await bootNodes(talos.sim, spec, 170 + subnet++);
  const run = runWithServers(spec, addresses);
  const c = { name, addresses, run };
  expect(failures(await apply(await plan(spec, c)))).toEqual([]);
  return c;
}

const simOs = async (c: Sim, node: string) => (await talos.sim.nodes()).find((n) => n.address === c.addresses.get(node))!.os;
const actions = (planned: PlannedStep[]) => Object.fromEntries(planned.filter((p) => /upgrade|snapshot/.test(p.step.id)).map((p) => [p.step.id, p.change.action]));

/** A pod on worker-0 that a PodDisruptionBudget keeps from being evicted; its namespace. */
async function blockDrain(c: Sim): Promise<string> {
  const kube = await KubeApi.connect(c.run.services.state.path(KUBECONFIG_FILE));
  const ns = c.name;
  await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await kube.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: ns, labels: { app: 'db' } }, spec: { nodeName: `${c.name}-worker-0`, containers: [{ name: 'db', image: 'db' }] } } as never);
  await kube.apply({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: ns }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } } } as never);
  return ns;
}

/** `machine.env` is not among the sections Talos applies live (`CanApplyImmediate`): changing it needs a reboot. */
const PROXY = 'http://proxy.internal:3128';
const withProxy = (name: string, extra = '') => specAt(name, 'v1.13.9', '1.36.3', `${extra}`, `\n    patches:\n      all: [{ machine: { env: { https_proxy: "${PROXY}" } } }]`);

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

// Each case has a cluster of its own (name, address block, state folder): side by side, the file waits out its
// simulated installs and reboots once rather than once per case.
describe.concurrent('day-2 upgrades of a simulated cluster', () => {
  it('upgrades Talos v1.12.6 → v1.13.9 (via v1.12.11) and Kubernetes one minor, in order, after an etcd snapshot; then no changes', async () => {
    const c = await built('v1.12.6', '1.35.4');
    expect(await simOs(c, 'cp-0')).toMatchObject({ version: 'v1.12.6' });
    const target = specAt(c.name, 'v1.13.9', '1.36.3');
    const p = await plan(target, c);
    expect(actions(p.planned)).toEqual({ 'etcd/snapshot': 'create', 'talos/upgrade/cp-0': 'update', 'talos/upgrade/worker-0': 'update', 'kubernetes/upgrade': 'update' });
    const cp = p.planned.find((x) => x.step.id === 'talos/upgrade/cp-0')!.change;
    expect(cp.reason).toContain('v1.12.6 → v1.13.9 via v1.12.11');
    expect(cp.notes).toContain('upgrade path: v1.12.6 → v1.12.11 → v1.13.9 (the latest patch of each minor)');
    // the config step leaves the versions to the upgrade steps
    expect(p.planned.find((x) => x.step.id === 'talos/config/cp-0')!.change).toMatchObject({ action: 'noop', reason: 'config up to date, node running' });

    const events: WalkEvent[] = [];
    expect(failures(await apply(p, events))).toEqual([]);
    for (const node of ['cp-0', 'worker-0']) expect(await simOs(c, node)).toMatchObject({ version: 'v1.13.9', upgrades: 2 });
    const order = events.filter((e) => e.type === 'started' || e.type === 'finished').map((e) => `${e.type} ${e.id}`).filter((e) => /upgrade|snapshot/.test(e));
    expect(order).toEqual([
      'started etcd/snapshot', 'finished etcd/snapshot',
      'started talos/upgrade/cp-0', 'finished talos/upgrade/cp-0',
      'started talos/upgrade/worker-0', 'finished talos/upgrade/worker-0',
      'started kubernetes/upgrade', 'finished kubernetes/upgrade',
    ]);
    const snapshots = (await c.run.services.state.list()).filter((f) => f.startsWith('etcd/'));
    expect(snapshots).toHaveLength(1);
    expect((await stat(c.run.services.state.path(snapshots[0]!))).mode & 0o777).toBe(0o600);

    const again = await plan(target, c);
    expect(again.planned.filter((x) => x.change.action !== 'noop').map((x) => x.step.id)).toEqual([]);
    const kube = await KubeApi.connect(c.run.services.state.path(KUBECONFIG_FILE));
    for (const node of ['cp-0', 'worker-0']) {
      const n = await kube.get({ apiVersion: 'v1', kind: 'Node', metadata: { name: `${c.name}-${node}` } });
      expect((n!.spec as { unschedulable?: boolean } | undefined)?.unschedulable).toBeFalsy();
    }
  }, CASE_MS);

  it('stops the rollout when a node comes back on its old version (A/B rollback), naming it; nothing after it runs', async () => {
    const c = await built('v1.13.8', '1.36.3');
    await talos.sim.faults(c.addresses.get('worker-0')!, { upgradeRollback: true });
    const results = await apply(await plan(specAt(c.name, 'v1.13.9', '1.36.3'), c));
    const failed = results.find((r) => r.id === 'talos/upgrade/worker-0')!;
    expect(failed.status).toBe('failed');
    expect((failed.error as Error).message).toMatch(/worker-0 \(127\.0\.\d+\.2\) came back on Talos v1.13.8 instead of v1.13.9/);
    expect(results.find((r) => r.id === 'talos/upgrade/cp-0')!.status).toBe('done');
    expect(results.find((r) => r.id === 'kubernetes/upgrade')!.status).not.toBe('done');
    expect(await simOs(c, 'worker-0')).toMatchObject({ version: 'v1.13.8', upgrades: 1 });
  }, CASE_MS);

  it('holds the next node while a Mayastor volume is degraded, with progress, and goes on once it is Online', async () => {
    let status = 'Degraded';
    const server = createServer((_req, res) => res.end(JSON.stringify([{ spec: { uuid: 'pvc-1' }, state: { uuid: 'pvc-1', status } }])));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const c = await built('v1.13.8', '1.36.3');
    c.run.services.env.CTO_MAYASTOR_API = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const events: WalkEvent[] = [];
    const p = await plan(specAt(c.name, 'v1.13.9', '1.36.3'), c);
    const done = apply(p, events);
    const held = () => events.some((e) => e.type === 'progress' && /pvc-1 Degraded/.test(e.message));
    for (let i = 0; i < 600 && !held(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(held()).toBe(true);
    expect(await simOs(c, 'cp-0')).toMatchObject({ upgrades: 0 });
    status = 'Online';
    expect(failures(await done)).toEqual([]);
    expect(await simOs(c, 'worker-0')).toMatchObject({ version: 'v1.13.9' });
  }, CASE_MS);

  it('gives up a drain a PodDisruptionBudget blocks, naming the pod, before the node is touched', async () => {
    const c = await built('v1.13.8', '1.36.3', '  upgrade:\n    drainTimeoutSeconds: 3\n');
    const ns = await blockDrain(c);
    const results = await apply(await plan(specAt(c.name, 'v1.13.9', '1.36.3', '  upgrade:\n    drainTimeoutSeconds: 3\n'), c));
    const failed = results.find((r) => r.id === 'talos/upgrade/worker-0')!;
    expect(failed.status).toBe('failed');
    expect((failed.error as Error).message).toContain(`gave up draining Node ${c.name}-worker-0`);
    expect((failed.error as Error).message).toContain(`${ns}/db-0`);
    expect(await simOs(c, 'worker-0')).toMatchObject({ version: 'v1.13.8', upgrades: 0 });
  }, CASE_MS);

  it('classifies a config change with Talos\' dry run and applies a no-reboot one without a reboot', async () => {
    const c = await built('v1.13.9', '1.36.3');
    const talosctl = new Talosctl({ bin: talosctlBin(), talosconfig: c.run.services.state.path(TALOSCONFIG_FILE), redact: (t) => t });
    const ip = c.addresses.get('worker-0')!;
    const boot = await talosctl.read(ip, '/proc/sys/kernel/random/boot_id');
    const bigger = loadExample('two-node.yaml', (t) =>
      t.replace('name: cto-prod', `name: ${c.name}`).replace('version: v1.13.9', 'version: v1.13.9\n    kubernetesVersion: 1.36.3').replace('hugepages: 1024', 'hugepages: 2048'),
    ).cluster;
    const p = await plan(bigger, c);
    expect(p.planned.find((x) => x.step.id === 'talos/config/worker-0')!.change).toMatchObject({ action: 'update', notes: expect.arrayContaining(['applied without a reboot (talosctl apply-config --dry-run)']) });
    expect(actions(p.planned)).toEqual({ 'etcd/snapshot': 'noop', 'talos/upgrade/cp-0': 'noop', 'talos/upgrade/worker-0': 'noop', 'kubernetes/upgrade': 'noop' });
    expect(failures(await apply(p))).toEqual([]);
    expect(await talosctl.read(ip, '/proc/sys/kernel/random/boot_id')).toBe(boot);
  }, CASE_MS);

  it('rolls out a config change that needs a reboot like an upgrade: one node down at a time, gated, drained, uncordoned', async () => {
    const c = await built('v1.13.9', '1.36.3');
    const talosctl = new Talosctl({ bin: talosctlBin(), talosconfig: c.run.services.state.path(TALOSCONFIG_FILE), redact: (t) => t });
    const boots = new Map(await Promise.all([...c.addresses].map(async ([node, ip]) => [node, await talosctl.read(ip, '/proc/sys/kernel/random/boot_id')] as const)));
    const p = await plan(withProxy(c.name), c);
    expect(p.planned.find((x) => x.step.id === 'etcd/snapshot')!.change).toMatchObject({ action: 'create', reason: 'take an etcd snapshot before upgrading or rebooting cp-0, worker-0' });
    for (const node of ['cp-0', 'worker-0']) {
      expect(p.planned.find((x) => x.step.id === `talos/config/${node}`)!.change).toMatchObject({ action: 'noop', reason: expect.stringContaining(`need a reboot (1 field): talos/upgrade/${node} applies them`) });
      expect(p.planned.find((x) => x.step.id === `talos/upgrade/${node}`)!.change).toMatchObject({
        action: 'update',
        reason: 'apply config changes that need a reboot (1 field; talosctl apply-config --mode reboot)',
        fields: [{ path: 'machine.env.https_proxy', after: PROXY }],
      });
    }

    // Which nodes are down at once, sampled while the apply runs: never both.
    const down = new Set<string>();
    let together = 0;
    let applying = true;
    const watch = (async () => {
      while (applying) {
        const off = (await talos.sim.nodes()).filter((n) => [...c.addresses.values()].includes(n.address) && !n.reachable).map((n) => n.address);
        off.forEach((a) => down.add(a));
        if (off.length > 1) together++;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const events: WalkEvent[] = [];
    const results = await apply(p, events).finally(() => (applying = false));
    await watch;
    expect(failures(results)).toEqual([]);
    expect(together).toBe(0);
    expect(down.size).toBe(2);
    const order = events.filter((e) => (e.type === 'started' || e.type === 'finished') && /talos\/upgrade|snapshot/.test(e.id)).map((e) => `${e.type} ${e.id}`);
    expect(order).toEqual(['started etcd/snapshot', 'finished etcd/snapshot', 'started talos/upgrade/cp-0', 'finished talos/upgrade/cp-0', 'started talos/upgrade/worker-0', 'finished talos/upgrade/worker-0']);
    const progress = (id: string) => events.filter((e) => e.type === 'progress' && e.id === id).map((e) => (e as { message: string }).message);
    expect(progress('talos/upgrade/worker-0')).toEqual(expect.arrayContaining([expect.stringMatching(/cordon and drain/), expect.stringMatching(/apply-config --mode reboot/), expect.stringMatching(/uncordoned/)]));
    for (const [node, ip] of c.addresses) {
      expect(await talosctl.read(ip, '/proc/sys/kernel/random/boot_id'), `${node} rebooted`).not.toBe(boots.get(node));
      expect(await talosctl.machineConfig(ip)).toContain(PROXY);
    }
    const again = await plan(withProxy(c.name), c);
    expect(again.planned.filter((x) => x.change.action !== 'noop').map((x) => x.step.id)).toEqual([]);
    const kube = await KubeApi.connect(c.run.services.state.path(KUBECONFIG_FILE));
    for (const node of c.addresses.keys()) {
      const n = await kube.get({ apiVersion: 'v1', kind: 'Node', metadata: { name: `${c.name}-${node}` } });
      expect((n!.spec as { unschedulable?: boolean } | undefined)?.unschedulable).toBeFalsy();
    }
  }, CASE_MS);

  it('holds a config change that needs a reboot while a PodDisruptionBudget blocks the drain, naming the pod; the node keeps its config', async () => {
    const upgrade = '  upgrade:\n    drainTimeoutSeconds: 3\n';
    const c = await built('v1.13.9', '1.36.3', upgrade);
    const ns = await blockDrain(c);
    const talosctl = new Talosctl({ bin: talosctlBin(), talosconfig: c.run.services.state.path(TALOSCONFIG_FILE), redact: (t) => t });
    const ip = c.addresses.get('worker-0')!;
    const boot = await talosctl.read(ip, '/proc/sys/kernel/random/boot_id');
    const results = await apply(await plan(withProxy(c.name, upgrade), c));
    const failed = results.find((r) => r.id === 'talos/upgrade/worker-0')!;
    expect(failed.status).toBe('failed');
    expect((failed.error as Error).message).toContain(`gave up draining Node ${c.name}-worker-0`);
    expect((failed.error as Error).message).toContain(`${ns}/db-0`);
    expect(await talosctl.read(ip, '/proc/sys/kernel/random/boot_id')).toBe(boot);
    expect(await talosctl.machineConfig(ip)).not.toContain(PROXY);
  }, CASE_MS);

  it('refuses a Kubernetes upgrade that skips a minor at plan time', async () => {
    const c = await built('v1.13.9', '1.34.1');
    await expect(plan(specAt(c.name, 'v1.13.9', '1.36.3'), c)).rejects.toThrow(/kubernetes\/upgrade: Kubernetes 1.34.1 → 1.36.3 skips minor 1.35/);
  }, CASE_MS);
});
