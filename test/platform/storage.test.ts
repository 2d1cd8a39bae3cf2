// storage/pool and storage/class against the real control plane. Nobody runs
// the Mayastor operator here: the test writes the DiskPool status it would.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { applyObjects, planObjects } from '../../src/clients/kube/objects.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { classKind } from '../../src/executors/storage/class.js';
import { poolKind, type PoolDesired } from '../../src/executors/storage/pool.js';
import { applyDiskPoolPolicy, diskPoolPolicyEnforced } from '../../testenv/diskpool-policy.js';
import { repoRoot } from '../support/cli.js';
import { changesSharedObjects } from '../support/shared-objects.js';
import { Actor } from './actors.js';
import { FIXTURES, plan, step, testCluster, testContext } from './context.js';

const kubeconfigPath = inject('kubeconfigPath');
const NAME = 'store-it';
// The DiskPool CRD and the openebs namespace.
changesSharedObjects(kubeconfigPath);
const DEFAULT_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

const poolStep = (worker: string) =>
  step<PoolDesired>(`storage/pool/${worker}`, 'storage.pool', { node: worker, hostname: `${NAME}-${worker}`, disk: '/dev/disk/by-id/nvme-Samsung_SSD_980_S64DNX0T123456' });
const pool = (worker: string): KubeObject => ({ apiVersion: 'openebs.io/v1beta3', kind: 'DiskPool', metadata: { name: `pool-${NAME}-${worker}`, namespace: 'openebs' } });
const storageClass = (name: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name } });

describe('storage', () => {
  const mayastor = new Actor(kubeconfigPath, 'operator-diskpool');
  const { cluster } = testCluster(NAME, { nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 2, plan: 'p' } }, storage: { mayastor: { disk: '/dev/nvme1n1', replicas: 2 } }, gitops: { repoURL: 'https://git.example/platform.git' } });

  beforeAll(async () => {
    const setup = new Actor(kubeconfigPath, 'test-setup');
    await setup.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } });
    // The CRD Mayastor's chart would install, applied the way the chart's sync would.
    const kube = await KubeApi.connect(kubeconfigPath);
    const crd = parse(readFileSync(path.join(FIXTURES, 'diskpool-crd.yaml'), 'utf8')) as KubeObject;
    await applyObjects(kube, await planObjects(kube, [crd], { stepId: 'test/setup', cluster: NAME }), { stepId: 'test/setup', cluster: NAME, signal: AbortSignal.timeout(60_000) });
    await applyDiskPoolPolicy(kubeconfigPath, repoRoot);
    await diskPoolPolicyEnforced(kubeconfigPath);
  });

  it('the stand-in refuses a DiskPool on a kernel device name, as Mayastor 2.9+ does, and takes persistent links', async () => {
    const ctx = testContext(cluster, kubeconfigPath);
    for (const disk of ['/dev/nvme1n1', 'aio:///dev/sdb']) {
      const s = step<PoolDesired>('storage/pool/worker-9', 'storage.pool', { node: 'worker-9', hostname: `${NAME}-worker-9`, disk });
      const err = await poolKind.apply(s, { action: 'create', fields: [], reason: '' }, testContext(cluster, kubeconfigPath, { signal: AbortSignal.timeout(20_000) })).catch((e: unknown) => e);
      expect(err, disk).toBeInstanceOf(CtoError);
      expect((err as CtoError).message, disk).toMatch(/pool disk \/dev\/(nvme1n1|sdb) is not a persistent devlink/);
    }
    for (const disk of ['/dev/disk/by-path/pci-0000:c1:00.0-nvme-1', '/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_S64GNE0R123456_1']) {
      const s = step<PoolDesired>('storage/pool/worker-9', 'storage.pool', { node: 'worker-9', hostname: `${NAME}-worker-9`, disk });
      expect(await plan(poolKind, s, ctx), disk).toMatchObject({ action: 'create' });
    }
  });

  it('storage/pool creates the DiskPool by the served version and waits until it is Created and Online', async () => {
    const s = poolStep('worker-0');
    const ctx = testContext(cluster, kubeconfigPath);
    expect(await plan(poolKind, s, ctx)).toMatchObject({ action: 'create' });
    const applying = poolKind.apply(s, { action: 'create', fields: [], reason: '' }, ctx);
    await waitFor(() => mayastor.get(pool('worker-0')));
    await mayastor.writeStatus('openebs.io', 'v1beta3', 'diskpools', 'openebs', `pool-${NAME}-worker-0`, { cr_state: 'Creating' });
    await vi.waitFor(() => expect(ctx.progressLines.at(-1)).toMatch(/state Creating, pool not found yet/), { timeout: 60_000, interval: 50 });
    await mayastor.writeStatus('openebs.io', 'v1beta3', 'diskpools', 'openebs', `pool-${NAME}-worker-0`, { cr_state: 'Created', pool_status: 'Online', capacity: 1_000_204_886_016, used: 0, available: 1_000_204_886_016 });
    await applying;
    const live = (await mayastor.get(pool('worker-0')))!;
    expect(live.spec).toEqual({ node: `${NAME}-worker-0`, disks: ['/dev/disk/by-id/nvme-Samsung_SSD_980_S64DNX0T123456'] });
    expect(await plan(poolKind, s, ctx)).toMatchObject({ action: 'noop' });

    // Another disk for the pool loses its replicas: the plan says so and marks it destructive.
    const moved = { ...s, desired: { ...s.desired, disk: '/dev/disk/by-id/nvme-other' } };
    const change = await plan(poolKind, moved, ctx);
    expect(change).toMatchObject({
      action: 'update',
      destructive: true,
      notes: [`DiskPool openebs/pool-${NAME}-worker-0 moves to another disk: the volume replicas on its disk are lost`],
    });
    expect(change.fields).toContainEqual({ path: `DiskPool openebs/pool-${NAME}-worker-0: spec.disks[0]`, before: '/dev/disk/by-id/nvme-Samsung_SSD_980_S64DNX0T123456', after: '/dev/disk/by-id/nvme-other' });
  });

  it('storage/pool gives up on a pool stuck Creating, with its state, and stops at once on Faulted', async () => {
    const s = poolStep('worker-1');
    const stuck = testContext(cluster, kubeconfigPath, { signal: AbortSignal.timeout(3_000) });
    const err = await poolKind.apply(s, { action: 'create', fields: [], reason: '' }, stuck).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toMatch(new RegExp(`^storage/pool/worker-1: gave up waiting for DiskPool openebs/pool-${NAME}-worker-1 to be Created and Online after \\d+s: state unknown, pool not found yet$`));
    // A plan now says what it waits for instead of claiming it is done.
    expect(await plan(poolKind, s, testContext(cluster, kubeconfigPath))).toMatchObject({ action: 'update', reason: 'not ready: state unknown, pool not found yet' });

    await mayastor.writeStatus('openebs.io', 'v1beta3', 'diskpools', 'openebs', `pool-${NAME}-worker-1`, { cr_state: 'Created', pool_status: 'Faulted' });
    const faulted = await poolKind.apply(s, { action: 'update', fields: [], reason: '' }, testContext(cluster, kubeconfigPath)).catch((e: unknown) => e);
    expect((faulted as CtoError).message).toMatch(/^storage\/pool\/worker-1: DiskPool openebs\/pool-store-it-worker-1 to be Created and Online failed: pool is Faulted/);
  });

  it('storage/class creates the default class, takes the default mark off another class, and repairs a deletion', async () => {
    const ours = `${NAME}-mayastor`;
    const theirs = `${NAME}-old-default`;
    const setup = new Actor(kubeconfigPath, 'test-setup');
    await setup.apply({ ...storageClass(theirs), metadata: { name: theirs, annotations: { [DEFAULT_ANNOTATION]: 'true' } }, provisioner: 'rancher.io/local-path' } as KubeObject);
    const s = step('storage/class', 'storage.class', { name: ours, replicas: 2, default: true });
    const ctx = testContext(cluster, kubeconfigPath);

    const planned = await plan(classKind, s, ctx);
    expect(planned.action).toBe('update');
    expect(planned.fields).toContainEqual({ path: `StorageClass ${ours}`, after: 'created' });
    expect(planned.fields).toContainEqual({ path: `StorageClass ${theirs}: metadata.annotations.${DEFAULT_ANNOTATION}`, before: 'true', after: undefined });
    await classKind.apply(s, planned, ctx);

    const live = (await setup.get(storageClass(ours)))!;
    expect(live).toMatchObject({ provisioner: 'io.openebs.csi-mayastor', parameters: { protocol: 'nvmf', repl: '2' }, metadata: { annotations: { [DEFAULT_ANNOTATION]: 'true' } } });
    expect((await setup.get(storageClass(theirs)))!.metadata.annotations?.[DEFAULT_ANNOTATION]).toBeUndefined();
    expect(await plan(classKind, s, ctx)).toMatchObject({ action: 'noop' });

    await setup.delete(storageClass(ours));
    const drift = await plan(classKind, s, ctx);
    expect(drift).toMatchObject({ action: 'create', reason: 'not installed yet' });
    await classKind.apply(s, drift, ctx);
    expect(await setup.get(storageClass(ours))).toBeDefined();
    expect(await plan(classKind, s, ctx)).toMatchObject({ action: 'noop' });

    // StorageClass parameters are immutable: a new replica count re-creates the class.
    const more = step('storage/class', 'storage.class', { name: ours, replicas: 3, default: true });
    const bump = await plan(classKind, more, ctx);
    expect(bump).toMatchObject({ action: 'update', reason: 'objects: 1 to replace', notes: [`StorageClass ${ours} is deleted and created again: the changed fields are immutable`] });
    expect(bump.fields).toEqual([{ path: `StorageClass ${ours}: parameters.repl`, before: '2', after: '3' }]);
    await classKind.apply(more, bump, ctx);
    expect((await setup.get(storageClass(ours)))!.parameters).toEqual({ protocol: 'nvmf', repl: '3' });
    expect(await plan(classKind, more, ctx)).toMatchObject({ action: 'noop' });
  });

  it('storage/class names the other manager when a class of the same name belongs to someone else', async () => {
    const name = `${NAME}-helm-owned`;
    await new Actor(kubeconfigPath, 'helm').apply({ ...storageClass(name), provisioner: 'io.openebs.csi-mayastor', parameters: { protocol: 'nvmf', repl: '2' }, allowVolumeExpansion: false } as KubeObject);
    const s = step('storage/class', 'storage.class', { name, replicas: 2, default: false });
    const err = await plan(classKind, s, testContext(cluster, kubeconfigPath)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toBe(`storage/class: StorageClass ${name} is also managed by "helm": applying (dry run) conflicts on .allowVolumeExpansion`);
  });
});

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting in test');
    await new Promise((r) => setTimeout(r, 100));
  }
}
