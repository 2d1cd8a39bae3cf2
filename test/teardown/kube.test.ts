// storage.pool.retire and kubernetes.node.retire against the real control plane (kwok runs the
// pods of the simulated Node). Nobody runs the Mayastor operator: the test writes its status.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { applyObjects, planObjects } from '../../src/clients/kube/objects.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { poolRetireKind, type PoolRetireDesired } from '../../src/executors/storage/pool-retire.js';
import { kubernetesNodeRetire, type NodeRetireDesired } from '../../src/executors/kubernetes/node-retire.js';
import { Actor } from '../platform/actors.js';
import { FIXTURES, plan, step, testCluster, testContext } from '../platform/context.js';
import { changesSharedObjects } from '../support/shared-objects.js';

const kubeconfigPath = inject('kubeconfigPath');
const NAME = 'tear-it';
// The DiskPool CRD and the openebs namespace.
changesSharedObjects(kubeconfigPath);
const { cluster } = testCluster(NAME, { nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 1, plan: 'p' } } });

/** A step context whose state folder holds the cluster's admin kubeconfig, as `kubernetes/api` leaves it. */
async function teardownContext(signal?: AbortSignal) {
  const ctx = testContext(cluster, kubeconfigPath, signal ? { signal } : {});
  await ctx.state.writeAtomic('kubeconfig', readFileSync(kubeconfigPath));
  return ctx;
}

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('storage.pool.retire', () => {
  const operator = new Actor(kubeconfigPath, 'operator-diskpool');
  const desired: PoolRetireDesired = { node: 'worker-1', hostname: `${NAME}-worker-1`, role: 'worker', retire: true, disk: '/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_S64GNE0R000001_1' };
  const s = step<PoolRetireDesired>('storage/pool/worker-1', 'storage.pool.retire', desired);
  const pool: KubeObject = { apiVersion: 'openebs.io/v1beta3', kind: 'DiskPool', metadata: { name: `pool-${NAME}-worker-1`, namespace: 'openebs' } };

  beforeAll(async () => {
    const setup = new Actor(kubeconfigPath, 'test-setup');
    await setup.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } });
    const kube = await KubeApi.connect(kubeconfigPath);
    const crd = parse(readFileSync(path.join(FIXTURES, 'diskpool-crd.yaml'), 'utf8')) as KubeObject;
    await applyObjects(kube, await planObjects(kube, [crd], { stepId: 'test/setup', cluster: NAME }), { stepId: 'test/setup', cluster: NAME, signal: AbortSignal.timeout(60_000) });
    await setup.apply({ ...pool, spec: { node: desired.hostname, disks: [desired.disk] } } as KubeObject);
  });

  it('refuses to delete a pool that holds replicas, naming it and the bytes used; deletes it once empty', async () => {
    await operator.writeStatus('openebs.io', 'v1beta3', 'diskpools', 'openebs', pool.metadata.name, { cr_state: 'Created', pool_status: 'Online', capacity: 1_000_204_886_016, used: 21_474_836_480, available: 978_730_049_536 });
    const ctx = await teardownContext();
    const planned = await plan(poolRetireKind, s, ctx);
    expect(planned).toMatchObject({ action: 'delete', destructive: true, reason: 'node worker-1 left the spec: remove its DiskPool' });
    expect(planned.notes?.[0]).toContain('holds 21474836480 bytes of replicas');

    const err = await poolRetireKind.apply(s, planned, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toBe(`storage/pool/worker-1: DiskPool openebs/pool-${NAME}-worker-1 holds replicas (21474836480 bytes used): move or delete the volumes on it first`);
    expect(await operator.get(pool)).toBeDefined();

    await operator.writeStatus('openebs.io', 'v1beta3', 'diskpools', 'openebs', pool.metadata.name, { cr_state: 'Created', pool_status: 'Online', capacity: 1_000_204_886_016, used: 0, available: 1_000_204_886_016 });
    await poolRetireKind.apply(s, await plan(poolRetireKind, s, ctx), ctx);
    expect(await operator.get(pool)).toBeUndefined();
    // A re-run (say, after a crash) finds nothing left to do.
    expect(await plan(poolRetireKind, s, await teardownContext())).toMatchObject({ action: 'noop' });
  });
});

describe('kubernetes.node.retire', () => {
  const nodeName = `${NAME}-worker-2`;
  const ns = NAME;
  const desired: NodeRetireDesired = { node: 'worker-2', hostname: nodeName, role: 'worker', retire: true };
  const s = step<NodeRetireDesired>('node/worker-2', 'kubernetes.node.retire', desired);
  const setup = new Actor(kubeconfigPath, 'test-setup');
  const pdb: KubeObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: ns } };
  const podsOnNode = async () => {
    const kube = await KubeApi.connect(kubeconfigPath);
    return (await kube.list('v1', 'Pod', { namespace: ns })).filter((p) => (p.spec as { nodeName?: string }).nodeName === nodeName);
  };

  beforeAll(async () => {
    await setup.createNode(nodeName, {});
    await setup.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const container = [{ name: 'c', image: 'registry.invalid/app:1' }];
    await setup.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: ns, labels: { app: 'web' } }, spec: { nodeName, containers: container } } as KubeObject);
    await setup.apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { 'kubernetes.io/hostname': nodeName }, containers: container } },
      },
    } as KubeObject);
    await setup.apply({ ...pdb, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } } as KubeObject);
    await waitFor(async () => ((await podsOnNode()).length === 2 ? true : undefined));
  });

  it('cordons and waits on a PodDisruptionBudget, then evicts all but DaemonSet pods and deletes the Node', async () => {
    const planned = await plan(kubernetesNodeRetire, s, await teardownContext());
    expect(planned).toMatchObject({ action: 'delete', destructive: true, reason: `cordon, drain and delete Node ${nodeName}` });

    const held = await teardownContext(AbortSignal.timeout(6_000));
    const err = await kubernetesNodeRetire.apply(s, planned, held).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toMatch(new RegExp(`^node/worker-2: gave up draining Node ${nodeName} after \\d+s: 1 pod left to evict, 1 held by a PodDisruptionBudget \\(${ns}/web\\)$`));
    expect(held.progressLines).toContain(`cordoned ${nodeName}`);
    const node = await setup.get({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } });
    expect((node!.spec as { unschedulable?: boolean }).unschedulable).toBe(true);
    expect((await podsOnNode()).map((p) => p.metadata.name)).toContain('web');

    await setup.delete(pdb);
    const ctx = await teardownContext();
    await kubernetesNodeRetire.apply(s, planned, ctx);
    expect(await setup.get({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } })).toBeUndefined();
    expect(await setup.get({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: ns } })).toBeUndefined();
    expect(await plan(kubernetesNodeRetire, s, await teardownContext())).toMatchObject({ action: 'noop', reason: `Node ${nodeName} is gone` });
  });
});
