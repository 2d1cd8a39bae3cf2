import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { describe, expect, inject, it, vi } from 'vitest';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import { execute } from '../../src/engine/execute.js';
import type { RunContext } from '../../src/executors/context.js';
import { talosBootstrap } from '../../src/executors/talos/bootstrap.js';
import { compile } from '../../src/planner/compile.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import type { PlannedStep } from '../../src/planner/planned-step.js';
import type { Step } from '../../src/planner/step.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { loadExample } from '../support/specs.js';
import { bootNodes, runWithServers, useSimFleet } from './sim-cluster.js';
import { localTalosctl, talosctlBin } from './support.js';
import { SECRETS_FILE, TALOSCONFIG_FILE } from '../../src/state/files.js';

/** Real Talos timings × this: install ~1.8 s, reboot ~0.6 s. */
const TIME_SCALE = 0.01;

const talos = useSimFleet(TIME_SCALE);
let subnet = 0;

// Every case boots a cluster of its own (name, address block): the cases of each describe run side by side.
interface Cluster1 {
  spec: Cluster;
  addresses: Map<string, string>;
}

/**
 * A 1 CP + 1 worker spec with a cluster name of its own (its Nodes land in the shared control plane),
 * and its servers booted into maintenance mode on loopback addresses of their own.
 */
async function bootCluster(edit: (t: string) => string = (t) => t, fleet: TalosNodes = talos.sim): Promise<Cluster1> {
  const name = `tp-${randomBytes(3).toString('hex')}`;
  const spec = loadExample('two-node.yaml', (t) => edit(t.replace('name: cto-prod', `name: ${name}`))).cluster;
  return { spec, addresses: await bootNodes(fleet, spec, 100 + subnet++) };
}

/**
 * The Talos phase of the compiled graph; servers are given (their outputs preset), not planned, and
 * kwok makes Nodes Ready without the CNI that node/<name> waits for in a full apply.
 */
function talosSteps(spec: Cluster): Step[] {
  // Day-2 upgrade steps are no-ops on a fresh cluster; test/talos/upgrade.test.ts covers them.
  const talosPhase = compile(spec).steps.filter((s) => s.phase === 'talos' && !DAY2.has(s.kind));
  const ids = new Set(talosPhase.map((s) => s.id));
  return talosPhase.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => ids.has(d)) }));
}

const DAY2 = new Set(['talos.etcd-snapshot', 'talos.upgrade', 'kubernetes.upgrade']);

const runFor = (c: Cluster1, base?: RunContext): RunContext => runWithServers(c.spec, c.addresses, base);

async function plan(c: Cluster1, base?: RunContext): Promise<{ run: RunContext; planned: PlannedStep[] }> {
  const run = runFor(c, base);
  return { run, planned: await observeAndDiff(talosSteps(c.spec), talos.kinds, run, { parallelism: 8 }) };
}

async function apply(p: { run: RunContext; planned: PlannedStep[] }) {
  const results = await execute(p.planned, talos.kinds, p.run, { parallelism: 8, allowDestroy: false });
  const failed = [...results.values()].filter((r) => r.status !== 'done');
  expect(failed.map((r) => `${r.id}: ${r.status} ${(r.error as Error | undefined)?.message ?? ''}`)).toEqual([]);
  return results;
}

const byId = (planned: PlannedStep[], id: string) => planned.find((p) => p.step.id === id)!;
const simNode = async (address: string, fleet: TalosNodes = talos.sim) => (await fleet.nodes()).find((n) => n.address === address)!;

describe.concurrent('Talos phase against simulated nodes and the real control plane', () => {
  it('maintenance → Kubernetes API with both Nodes; bootstrap once; re-run is a no-op; hugepages drift is a field update', async () => {
    const c = await bootCluster();
    const cp = c.addresses.get('cp-0')!;
    const worker = c.addresses.get('worker-0')!;

    const first = await plan(c);
    expect(first.planned.map((p) => [p.step.id, p.change.action])).toEqual([
      ['talos/secrets', 'create'],
      ['talos/config/cp-0', 'create'],
      ['talos/config/worker-0', 'create'],
      ['talos/bootstrap', 'create'],
      ['kubernetes/api', 'create'],
      ['node/cp-0', 'create'],
      ['node/worker-0', 'create'],
    ]);
    const results = await apply(first);
    expect(results.get('talos/bootstrap')!.value).toEqual({ action: 'create' });

    const outputs = first.run.outputs;
    // A config is done once the node boots it: cp-0 cannot run before the bootstrap that follows.
    expect(outputs.get('talos/config/cp-0')).toMatchObject({ address: cp, stage: 'booting' });
    expect(outputs.get('talos/config/worker-0')).toMatchObject({ address: worker, stage: expect.stringMatching(/^(booting|running)$/) });
    expect(outputs.get('kubernetes/api')).toMatchObject({ kubeconfigPath: first.run.services.state.path('kubeconfig'), server: expect.stringMatching(/^https:\/\//) });
    expect(outputs.get('node/cp-0')).toMatchObject({ name: `${c.spec.metadata.name}-cp-0`, stage: 'running', ready: true });
    expect(outputs.get('node/worker-0')).toMatchObject({ name: `${c.spec.metadata.name}-worker-0`, stage: 'running', ready: true });

    const [cpNode, workerNode] = [await simNode(cp), await simNode(worker)];
    expect(cpNode).toMatchObject({ mode: 'configured', role: 'controlplane', stage: 'running', bootstrapped: true, bootstrapCalls: 1, etcdRunning: true, appliedConfigs: 1 });
    expect(workerNode).toMatchObject({ mode: 'configured', role: 'worker', bootstrapCalls: 0, appliedConfigs: 1, nodeName: `${c.spec.metadata.name}-worker-0` });

    for (const file of [SECRETS_FILE, TALOSCONFIG_FILE, 'kubeconfig']) {
      expect(((await stat(first.run.services.state.path(file))).mode & 0o777).toString(8), file).toBe('600');
    }
    const talosconfig = (await first.run.services.state.read(TALOSCONFIG_FILE))!.toString();
    expect(talosconfig).toMatch(new RegExp(`endpoints:\\n\\s+- ${cp.replaceAll('.', '\\.')}`));
    const secrets = (await first.run.services.state.read(SECRETS_FILE))!.toString();

    // Second run: nothing to do, nothing applied, bootstrap not called again.
    const second = await plan(c, first.run);
    expect(second.planned.filter((p) => p.change.action !== 'noop').map((p) => `${p.step.id}: ${p.change.reason}`)).toEqual([]);
    await apply(second);
    expect(await simNode(cp)).toMatchObject({ bootstrapCalls: 1, appliedConfigs: 1 });
    expect(await simNode(worker)).toMatchObject({ appliedConfigs: 1 });
    expect((await first.run.services.state.read(SECRETS_FILE))!.toString()).toBe(secrets);

    // HugePages 1024 → 2048: the worker's config is a field-level update; the control plane is untouched.
    const bigger = { ...c, spec: loadExample('two-node.yaml', (t) => t.replace('name: cto-prod', `name: ${c.spec.metadata.name}`).replace('hugepages: 1024', 'hugepages: 2048')).cluster };
    const third = await plan(bigger, first.run);
    const change = byId(third.planned, 'talos/config/worker-0').change;
    expect(change).toMatchObject({ action: 'update', fields: [{ path: 'machine.sysctls.vm.nr_hugepages', before: '1024', after: '2048' }] });
    expect(change.notes?.join(' ')).toMatch(/node may reboot/);
    expect(byId(third.planned, 'talos/config/cp-0').change.action).toBe('noop');
    expect(JSON.stringify(third.planned.map((p) => p.change))).not.toContain(secrets.slice(secrets.indexOf('crt: ') + 5, secrets.indexOf('crt: ') + 45));

    await apply(third);
    expect(await simNode(worker)).toMatchObject({ appliedConfigs: 2, stage: 'running' });
    const fourth = await plan(bigger, first.run);
    expect(fourth.planned.every((p) => p.change.action === 'noop')).toBe(true);
  });
});

/** A client with the run's talosconfig, to look at a node the way the steps do. */
const clientOf = (run: RunContext) => new Talosctl({ bin: talosctlBin(), talosconfig: run.services.state.path(TALOSCONFIG_FILE), redact: (t) => t });

describe.concurrent('bootstrap order (a control plane runs only once etcd is bootstrapped)', () => {
  it('a fresh cp-0 stays booting with its configs applied until cto bootstraps it; the re-run completes the apply', async () => {
    const c = await bootCluster();
    const cp = c.addresses.get('cp-0')!;
    const worker = c.addresses.get('worker-0')!;
    const first = await plan(c);
    // Only the secrets and the configs: what an apply interrupted before talos/bootstrap leaves behind.
    await apply({ run: first.run, planned: first.planned.filter((p) => p.step.id === 'talos/secrets' || p.step.id.startsWith('talos/config/')) });
    expect(first.run.outputs.get('talos/config/cp-0')).toMatchObject({ stage: 'booting' });

    // Its CRI comes up and the worker runs, but cp-0's boot sequence waits for etcd, which waits for a bootstrap.
    const talosctl = clientOf(first.run);
    await vi.waitFor(async () => expect((await talosctl.services(cp)).find((s) => s.id === 'cri')).toMatchObject({ state: 'Running', health: 'OK' }), { timeout: 30_000, interval: 200 });
    await vi.waitFor(async () => expect(await simNode(worker)).toMatchObject({ stage: 'running' }), { timeout: 30_000, interval: 200 });
    expect((await talosctl.services(cp)).find((s) => s.id === 'etcd')).toMatchObject({ state: 'Preparing' });
    expect(await simNode(cp)).toMatchObject({ stage: 'booting', bootstrapCalls: 0 });

    const second = await plan(c, first.run);
    expect(second.planned.map((p) => [p.step.id, p.change.action])).toEqual([
      ['talos/secrets', 'noop'],
      ['talos/config/cp-0', 'noop'],
      ['talos/config/worker-0', 'noop'],
      ['talos/bootstrap', 'create'],
      ['kubernetes/api', 'create'],
      ['node/cp-0', 'create'],
      ['node/worker-0', 'create'],
    ]);
    expect(byId(second.planned, 'talos/config/cp-0').change.reason).toBe('config up to date, node booting');
    await apply(second);
    expect(await simNode(cp)).toMatchObject({ stage: 'running', bootstrapped: true, bootstrapCalls: 1, etcdRunning: true, appliedConfigs: 1 });
    expect(second.run.outputs.get('node/cp-0')).toMatchObject({ stage: 'running', ready: true });

    const third = await plan(c, first.run);
    expect(third.planned.filter((p) => p.change.action !== 'noop').map((p) => `${p.step.id}: ${p.change.reason}`)).toEqual([]);
  });

  it('a re-run while a bootstrapped cp-0 reboots (booting again, not running) waits for it instead of bootstrapping again', async () => {
    // CRI up 1.5 s after a boot: long enough for the steps to meet cp-0 booting with etcd waiting for it.
    const slow = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.05 });
    try {
      const c = await bootCluster((t) => t, slow);
      const cp = c.addresses.get('cp-0')!;
      const first = await plan(c);
      await apply(first);
      expect(await simNode(cp, slow)).toMatchObject({ stage: 'running', bootstrapCalls: 1 });

      await slow.reboot(cp, { seconds: 2 });
      const again = await plan(c, first.run);
      const waits: string[] = [];
      const results = await execute(again.planned, talos.kinds, again.run, {
        parallelism: 8,
        allowDestroy: false,
        onEvent: (e) => {
          if (e.type === 'progress' && (e.id === 'talos/bootstrap' || e.id === 'node/cp-0')) waits.push(e.message);
        },
      });
      expect([...results.values()].filter((r) => r.status !== 'done').map((r) => `${r.id}: ${(r.error as Error | undefined)?.message}`)).toEqual([]);
      expect(await simNode(cp, slow)).toMatchObject({ stage: 'running', bootstrapCalls: 1, etcdRunning: true, appliedConfigs: 1 });
      expect(again.run.outputs.get('node/cp-0')).toMatchObject({ stage: 'running' });
      expect(waits.join('\n')).not.toMatch(/bootstrapping etcd/);
    } finally {
      await slow.stop();
    }
  });
});

describe.concurrent('faults', () => {
  it('a wrong install disk fails the config step with the node’s validation error and the disks it has', async () => {
    const c = await bootCluster((t) => t.replace('installDisk: /dev/nvme0n1', 'installDisk: /dev/sda'));
    const p = await plan(c);
    const results = await execute(p.planned, talos.kinds, p.run, { parallelism: 8, allowDestroy: false });
    const failed = results.get('talos/config/cp-0')!;
    expect(failed.status).toBe('failed');
    const err = failed.error as { diagnostics: { message: string; hint?: string; stepId?: string }[] };
    expect(err.diagnostics[0]!.message).toMatch(/talos\/config\/cp-0: the node at .* refused its config: .*specified install disk does not exist: "\/dev\/sda"/);
    expect(err.diagnostics[0]!.hint).toContain('/dev/nvme0n1');
    expect(results.get('talos/bootstrap')).toMatchObject({ status: 'blocked' });
    expect(await simNode(c.addresses.get('cp-0')!)).toMatchObject({ mode: 'maintenance', appliedConfigs: 0 });
  });

  it('a node that reboots while the config is applied is retried until it answers', async () => {
    const c = await bootCluster();
    const worker = c.addresses.get('worker-0')!;
    const p = await plan(c);
    const retries: string[] = [];
    let rebooted = false;
    let back: Promise<void> | undefined;
    const results = await execute(p.planned, talos.kinds, p.run, {
      parallelism: 8,
      allowDestroy: false,
      onEvent: (e) => {
        // Power-cycle the worker just as its config is sent, and keep it down until the apply has met the
        // refused connection and said it retries: however slow talosctl is to start, it finds the node down.
        if (e.type === 'progress' && e.id === 'talos/config/worker-0' && /applying worker config/.test(e.message) && !rebooted) {
          rebooted = true;
          void talos.sim.reboot(worker, { seconds: 600 });
        }
        if (e.type === 'retrying' && e.id === 'talos/config/worker-0') {
          retries.push(e.error);
          back ??= talos.sim.reboot(worker, { seconds: 0.1 });
        }
      },
    });
    await back;
    const result = results.get('talos/config/worker-0')!;
    expect(result.status, String((result.error as Error | undefined)?.message)).toBe('done');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatch(/does not answer|connection refused|Unavailable/);
    // The config step is done once the node boots its config; a worker turns running when its kubelet is up.
    await vi.waitFor(async () => expect(await simNode(worker)).toMatchObject({ mode: 'configured', stage: 'running', appliedConfigs: 1 }), { timeout: 30_000, interval: 200 });
  });

  it('a talosctl that does not exist is a diagnostic naming the fix, at plan time', async () => {
    const c = await bootCluster();
    const run = runFor(c);
    run.services.env = { CTO_TALOSCTL: '/nonexistent/bin/talosctl' };
    const err = await observeAndDiff(talosSteps(c.spec), talos.kinds, run, { parallelism: 8 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CtoError' });
    const d = (err as { diagnostics: { message: string; hint?: string }[] }).diagnostics[0]!;
    expect(d.message).toContain('talosctl not found (/nonexistent/bin/talosctl)');
    expect(d.hint).toContain('npm run testenv:build');
  });

  it('a talosctl older than the spec’s Talos minor is refused at plan time', async () => {
    const c = await bootCluster((t) => t.replace('version: v1.13.9', 'version: v1.19.0'));
    const err = await observeAndDiff(talosSteps(c.spec), talos.kinds, runFor(c), { parallelism: 8 }).catch((e: unknown) => e);
    const d = (err as { diagnostics: { message: string; hint?: string }[] }).diagnostics[0]!;
    expect(d.message).toMatch(/talosctl v1\.\d+\.\d+ is too old for Talos v1\.19\.0/);
    expect(d.hint).toMatch(/v1\.19\.x or newer/);
  });

  it('a talosconfig from different secrets is reported as such and the secrets are left alone', async () => {
    const c = await bootCluster();
    const first = await plan(c);
    await apply(first);
    const state = first.run.services.state;
    const secrets = (await state.read(SECRETS_FILE))!.toString();

    // Another cluster's talosconfig (new secrets, same cluster name) where ours was.
    const talosctl = localTalosctl();
    const other = await talosctl.genConfig({
      cluster: c.spec.metadata.name, endpoint: 'https://127.0.0.1:6443', secrets: await talosctl.genSecrets('v1.13'), contract: 'v1.13',
      kubernetesVersion: '1.36.3', installDisk: '/dev/nvme0n1', installImage: 'ghcr.io/siderolabs/installer:v1.13.9', patches: [], additionalSans: [], role: 'worker',
    });
    await state.writeAtomic(TALOSCONFIG_FILE, other.talosconfig);

    const err = await plan(c, first.run).catch((e: unknown) => e);
    const messages = (err as { diagnostics: { message: string; hint?: string }[] }).diagnostics;
    expect(messages.map((m) => m.message).join('\n')).toMatch(/rejects the cluster's talosconfig \(x509: certificate signed by unknown authority\): it was configured with different Talos secrets/);
    expect(messages[0]!.hint).toMatch(/never regenerates secrets/);
    expect((await state.read(SECRETS_FILE))!.toString()).toBe(secrets);
  });

  it('lost secrets after the cluster exists stop the plan instead of generating new ones', async () => {
    const c = await bootCluster();
    const first = await plan(c);
    await apply(first);
    await first.run.services.state.remove(SECRETS_FILE);
    const err = await plan(c, first.run).catch((e: unknown) => e);
    const d = (err as { diagnostics: { message: string; hint?: string; stepId?: string }[] }).diagnostics.find((x) => x.stepId === 'talos/secrets')!;
    expect(d.message).toMatch(/secrets bundle .* is missing, but cluster .* already exists/);
    expect(d.hint).toMatch(/restore talos\/secrets.yaml/);
    expect(await first.run.services.state.exists(SECRETS_FILE)).toBe(false);
  });

  it('bootstrap re-run after an unrecorded success: etcd running means done', async () => {
    const c = await bootCluster();
    const first = await plan(c);
    await apply(first);
    const cp = c.addresses.get('cp-0')!;
    // The process died after bootstrap and before recording it: the journal still holds the intent.
    await first.run.services.journal.begin('talos/bootstrap', 'bootstrap', { node: 'cp-0', address: cp });
    const again = await plan(c, first.run);
    expect(byId(again.planned, 'talos/bootstrap').change.action).toBe('noop');
    await apply(again);
    expect(await simNode(cp)).toMatchObject({ bootstrapCalls: 1 });

    // A run that cannot see etcd through the config outputs (none for cp-0 yet) still looks at cp-0's
    // own services before calling: etcd Running there means done, and bootstrap is not called again.
    const blind = runFor(c, first.run);
    const step = talosSteps(c.spec).find((s) => s.id === 'talos/bootstrap')! as Step<{ node: string }>;
    const ctx = blind.forStep({ signal: new AbortController().signal, progress: () => undefined });
    await expect(talosBootstrap.apply(step, { action: 'create', fields: [], reason: '' }, ctx)).resolves.toEqual({ bootstrapped: true });
    expect(await simNode(cp)).toMatchObject({ bootstrapCalls: 1, bootstrapped: true, etcdRunning: true });
  });
});
