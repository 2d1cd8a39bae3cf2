import type { KubeApi } from '../../clients/kube/api.js';
import { isTransientKubeError } from '../../clients/kube/errors.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepKind } from '../step-kind.js';
import { clusterKube } from '../kubernetes/cluster-kube.js';
import { DISKPOOL_VERSIONS, diskPool, MAYASTOR_NAMESPACE, poolName, type PoolDesired } from './pool.js';
import type { Observation } from '../../state/observations.js';

export interface PoolRetireDesired extends PoolDesired {
  role: 'controlplane' | 'worker';
  retire: true;
}

export interface PoolRetireObserved {
  name: string;
  apiVersion: string;
  /** Bytes of replicas on the pool (`status.used`); a pool holding any is never deleted. */
  used: number;
}

const DELETE_TIMEOUT_MS = 5 * 60_000;

/**
 * `storage/pool/<node>` for a node leaving the spec: its DiskPool is deleted, but only when it holds
 * no replicas; Mayastor would otherwise lose the data of every volume with a replica there.
 */
export const poolRetireKind: StepKind<PoolRetireDesired, PoolRetireObserved> = {
  kind: 'storage.pool.retire',

  async observe(step, ctx): Promise<Observation<PoolRetireObserved>> {
    const found = await livePool(await clusterKube(ctx, step.id), step);
    return found ? { state: 'present', value: found } : { state: 'absent' };
  },

  diff(step, observed): Change {
    return poolRetireChange(step.desired, observed);
  },

  async apply(step, _change, ctx): Promise<PoolRetireObserved> {
    const kube = await clusterKube(ctx, step.id);
    const found = await livePool(kube, step);
    const name = poolName(step.desired.hostname);
    if (!found) return { name, apiVersion: '', used: 0 };
    if (found.used > 0) throw poolInUse(step.id, found);
    const ref = diskPool(found.apiVersion, step.desired);
    await kube.delete(ref);
    await pollUntil(() => kube.get(ref), (pool) => ({ done: pool === undefined, message: pool ? 'still there (the operator is destroying the pool)' : 'gone' }), {
      stepId: step.id,
      what: `DiskPool ${MAYASTOR_NAMESPACE}/${name} to be deleted`,
      signal: ctx.signal,
      timeoutMs: DELETE_TIMEOUT_MS,
      intervalMs: 1_000,
      progress: ctx.progress,
    });
    return found;
  },

  limits: { timeoutMs: DELETE_TIMEOUT_MS + 60_000, retry: { attempts: 4, baseMs: 2_000, maxMs: 20_000 } },
  retryable: isTransientKubeError,
};

/** Pure: what retiring the pool means for what was observed. */
export function poolRetireChange(d: Pick<PoolRetireDesired, 'node' | 'hostname'>, observed: Observation<PoolRetireObserved>): Change {
  const reason = `node ${d.node} left the spec: remove its DiskPool`;
  if (observed.state === 'absent') return noop(`no DiskPool ${poolName(d.hostname)}`);
  if (observed.state === 'unknown') return { action: 'delete', fields: [], reason: `${reason} (${observed.reason})`, destructive: true };
  const { used, name } = observed.value;
  return {
    action: 'delete',
    fields: [],
    reason,
    destructive: true,
    ...(used > 0 ? { notes: [`DiskPool ${name} holds ${used} bytes of replicas: apply refuses until its volumes are moved or deleted`] } : {}),
  };
}

/** The node's DiskPool in whichever version the cluster serves; undefined when no DiskPool kind is served. */
async function livePool(kube: KubeApi, step: Step<PoolRetireDesired>): Promise<PoolRetireObserved | undefined> {
  for (const apiVersion of DISKPOOL_VERSIONS) {
    if (!(await kube.kindInfo(apiVersion, 'DiskPool'))) continue;
    const pool = await kube.get(diskPool(apiVersion, step.desired));
    if (!pool) return undefined;
    const used = Number((pool.status as { used?: unknown } | undefined)?.used ?? 0);
    return { name: poolName(step.desired.hostname), apiVersion, used: Number.isFinite(used) ? used : 0 };
  }
  return undefined;
}

function poolInUse(stepId: string, pool: PoolRetireObserved): CtoError {
  return new CtoError({
    severity: 'error',
    stepId,
    message: `${stepId}: DiskPool ${MAYASTOR_NAMESPACE}/${pool.name} holds replicas (${pool.used} bytes used): move or delete the volumes on it first`,
    hint: `list them with \`kubectl mayastor get volumes\`; scale the volumes' replicas onto other pools or delete them, then run cto apply again`,
  });
}
