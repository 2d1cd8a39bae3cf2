import type { KubeApi } from '../../clients/kube/api.js';
import type { KubeObject } from '../../clients/kube/object.js';
import { pollUntil, type PollCheck } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Step } from '../../planner/step.js';
import { objectsKind, type ObjectsObserved } from '../platform/objects-kind.js';
import type { StepContext } from '../step-kind.js';
import { addr } from '../../planner/address.js';

export interface PoolDesired {
  node: string;
  hostname: string;
  /** The pool's disk when given directly; otherwise what `storage/disk/<node>` chose. */
  disk?: string;
}

export const MAYASTOR_NAMESPACE = 'openebs';
/** Newest first: OpenEBS ≥ 4.3 serves v1beta3, 4.0–4.2 only v1beta2. */
export const DISKPOOL_VERSIONS = ['openebs.io/v1beta3', 'openebs.io/v1beta2'] as const;

export function poolName(hostname: string): string {
  return `pool-${hostname}`;
}

export function diskPool(apiVersion: string, d: PoolDesired): KubeObject {
  return {
    apiVersion,
    kind: 'DiskPool',
    metadata: { name: poolName(d.hostname), namespace: MAYASTOR_NAMESPACE },
    spec: { node: d.hostname, disks: d.disk === undefined ? [] : [d.disk] },
  };
}

/** The pool with the disk `storage/disk/<node>` chose: always a persistent link, never a kernel name. */
function chosenPool(apiVersion: string, step: Step<PoolDesired>, ctx: StepContext): KubeObject {
  const disk = step.desired.disk ?? ctx.outputOf(addr.storageDisk(step.desired.node))?.link;
  if (disk === undefined) {
    throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: storage/disk/${step.desired.node} has not chosen a disk yet` });
  }
  return diskPool(apiVersion, { ...step.desired, disk });
}

/** How long a DiskPool kind may take to appear after its CRD exists: discovery lags a new CRD. */
export const DISKPOOL_KIND_WAIT_MS = 60_000;
/** Mayastor's CRD of the DiskPool kind (the OpenEBS chart's `diskpools.openebs.io`). */
const DISKPOOL_CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'diskpools.openebs.io' } };

/**
 * The DiskPool version the cluster serves, by discovery. The kind can appear a moment after the
 * Application that installs it reports Healthy (a new CRD reaches discovery after it is Established),
 * so a missing kind is waited for, with progress, while its CRD exists. Without the CRD nothing is on
 * its way: gitops/sync has already waited for every Application of the tree, so it fails at once.
 */
async function servedDiskPoolVersion(kube: KubeApi, stepId: string, ctx: StepContext): Promise<string> {
  const served = async () => {
    for (const v of DISKPOOL_VERSIONS) if (await kube.kindInfo(v, 'DiskPool')) return { version: v as string, crd: true };
    return { crd: (await kube.get(DISKPOOL_CRD)) !== undefined };
  };
  const check = (s: { version?: string; crd: boolean }): PollCheck =>
    s.version !== undefined ? { done: true, message: s.version } : s.crd ? { done: false, message: 'not served yet' } : { done: false, message: 'no CRD', failed: 'no CRD' };
  try {
    const found = await pollUntil(served, check, {
      stepId,
      what: `the DiskPool kind (${DISKPOOL_VERSIONS.join(' or ')})`,
      signal: ctx.signal,
      timeoutMs: DISKPOOL_KIND_WAIT_MS,
      intervalMs: 1_000,
      progress: (m) => ctx.progress(m),
    });
    return found.version!;
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    const crd = await kube.get(DISKPOOL_CRD).catch(() => undefined);
    throw new CtoError({
      severity: 'error',
      stepId,
      message: `${stepId}: the cluster serves no DiskPool kind (${DISKPOOL_VERSIONS.join(' or ')}): Mayastor is not installed (${crd ? `its CustomResourceDefinition ${crd.metadata.name} serves neither version` : `no CustomResourceDefinition ${DISKPOOL_CRD.metadata.name}`})`,
      hint: 'the OpenEBS Application of the GitOps tree installs it; check that gitops/sync finished and that OpenEBS is 4.0 or newer',
    });
  }
}

/** Ready = the operator created it (`cr_state: Created`) and the control plane reports it `Online`. */
export function poolReadiness(pool: KubeObject | undefined): PollCheck {
  if (!pool) return { done: false, message: 'not created yet' };
  const s = (pool.status ?? {}) as { cr_state?: string; pool_status?: string };
  const message = `state ${s.cr_state ?? 'unknown'}, pool ${s.pool_status ?? 'not found yet'}`;
  if (s.pool_status === 'Faulted') return { done: false, message, failed: `pool is Faulted (check the disk ${String((pool.spec as { disks?: string[] })?.disks?.[0])} and the io-engine on ${String((pool.spec as { node?: string })?.node)})` };
  return { done: s.cr_state === 'Created' && s.pool_status === 'Online', message };
}

/**
 * Mayastor owns a pool's disk outright: moving the pool to another disk or
 * removing it loses the volume replicas it holds. Other edits (topology labels) are safe.
 */
export function poolLoss(c: ObjectsObserved['changes'][number]): string | undefined {
  const disks = c.fields.some((f) => /: spec\.disks/.test(f.path));
  if (c.action === 'update' && !disks) return undefined;
  return `${c.ref} ${c.action === 'delete' ? 'is deleted' : 'moves to another disk'}: the volume replicas on its disk are lost`;
}

/** `storage/pool/<worker>`: one DiskPool per storage node, waited for until Online. */
export const poolKind = objectsKind<PoolDesired>({
  kind: 'storage.pool',
  defaultNamespace: MAYASTOR_NAMESPACE,
  render: async (step, ctx, kube) => [chosenPool(await servedDiskPoolVersion(kube, step.id, ctx), step, ctx)],
  ready: async (step, ctx, kube) => {
    const version = await servedDiskPoolVersion(kube, step.id, ctx);
    return poolReadiness(await kube.get(diskPool(version, step.desired)));
  },
  destroys: poolLoss,
  readyWhat: (step) => `DiskPool ${MAYASTOR_NAMESPACE}/${poolName(step.desired.hostname)} to be Created and Online`,
  limits: { timeoutMs: 10 * 60_000 },
});
