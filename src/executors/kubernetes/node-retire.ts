import { NodeDrain, type EvictionResult, type PodRef } from '../../clients/kube/drain.js';
import { isTransientKubeError } from '../../clients/kube/errors.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import { systemClock } from '../../time/clock.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { clusterKube } from './cluster-kube.js';
import type { NodeDesired } from './node.js';
import type { Observation } from '../../state/observations.js';
import { KUBECONFIG_FILE } from '../../state/files.js';

export interface NodeRetireDesired extends NodeDesired {
  retire: true;
  /**
   * false for `cto destroy`: every node leaves at once, so evicted pods have nowhere to go and a
   * PodDisruptionBudget could never be satisfied; the Node is cordoned and deleted with its pods.
   */
  drain?: boolean;
}

export interface NodeRetireObserved {
  name: string;
  unschedulable: boolean;
}

export const DRAIN_TIMEOUT_MS = 10 * 60_000;
/** Between eviction rounds while a PodDisruptionBudget says no: 1 s, doubling to 15 s. */
const BACKOFF = { baseMs: 1_000, maxMs: 15_000 };

const nodeRef = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

/**
 * `node/<node>` for a node leaving the spec: cordon it, evict its pods through the Eviction API
 * (PodDisruptionBudgets are honoured: a 429 is retried until the step's timeout), wait until they
 * are gone, then delete the Node. Its Talos reset comes after, so kubelet cannot register it again.
 */
export const kubernetesNodeRetire: StepKind<NodeRetireDesired, NodeRetireObserved> = {
  kind: 'kubernetes.node.retire',

  async observe(step, ctx): Promise<Observation<NodeRetireObserved>> {
    const kube = await clusterKube(ctx, step.id);
    const node = await kube.get(nodeRef(step.desired.hostname));
    if (!node) return { state: 'absent' };
    return { state: 'present', value: { name: step.desired.hostname, unschedulable: (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true } };
  },

  diff(step, observed): Change {
    return nodeRetireChange(step.desired.hostname, observed, step.desired.drain !== false);
  },

  async apply(step, _change, ctx): Promise<NodeRetireObserved> {
    const name = step.desired.hostname;
    const kube = await clusterKube(ctx, step.id);
    if (!(await kube.get(nodeRef(name)))) return { name, unschedulable: true };
    await kube.mergePatch(nodeRef(name), { spec: { unschedulable: true } });
    ctx.progress(`cordoned ${name}`);

    if (step.desired.drain !== false) await drainNode(step.id, name, ctx);
    await kube.delete(nodeRef(name));
    await pollUntil(() => kube.get(nodeRef(name)), (n) => ({ done: n === undefined, message: n ? 'still there' : 'deleted' }), {
      stepId: step.id,
      what: `Node ${name} to be deleted`,
      signal: ctx.signal,
      timeoutMs: 60_000,
      intervalMs: 500,
      progress: ctx.progress,
    });
    return { name, unschedulable: true };
  },

  limits: { timeoutMs: DRAIN_TIMEOUT_MS + 2 * 60_000, retry: { attempts: 4, baseMs: 2_000, maxMs: 20_000 } },
  retryable: isTransientKubeError,
};

/** Evicts every pod that must leave the node, honouring PodDisruptionBudgets, until none is left. */
export async function drainNode(stepId: string, name: string, ctx: StepContext, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  const drain = await ctx.cache.once(`kube:drain:${KUBECONFIG_FILE}`, () => NodeDrain.connect(ctx.state.path(KUBECONFIG_FILE)));
  const started = Date.now();
  for (let round = 0; ; round++) {
    const pods = podsToEvict(await drain.podsOn(name));
    if (pods.length === 0) break;
    const pending = pods.filter((p) => !p.deleting);
    const results: EvictionResult[] = [];
    for (const p of pending) results.push(await drain.evict(p));
    const blocked = pending.filter((_, i) => results[i] === 'blocked');
    const message = drainProgress(pods.length, blocked.length);
    ctx.progress(message);
    if (Date.now() - started >= timeoutMs || ctx.signal.aborted) {
      throw new CtoError({
        severity: 'error',
        stepId,
        message: `${stepId}: gave up draining Node ${name} after ${Math.round((Date.now() - started) / 1000)}s: ${message}${blocked.length ? ` (${blocked.map((p) => `${p.namespace}/${p.name}`).join(', ')})` : ''}`,
        hint: 'a PodDisruptionBudget allows no disruption of those pods now; scale their workloads up or relax the budget, then run cto apply again',
      });
    }
    const wait = blocked.length ? Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.min(round, 10)) : BACKOFF.baseMs;
    await systemClock.sleep(wait, ctx.signal).catch(() => undefined);
  }
}

/** Pure: what retiring the Node means for what was observed. */
export function nodeRetireChange(hostname: string, observed: Observation<NodeRetireObserved>, drain = true): Change {
  const reason = drain ? `cordon, drain and delete Node ${hostname}` : `cordon and delete Node ${hostname} (the whole cluster goes: no drain)`;
  if (observed.state === 'absent') return noop(`Node ${hostname} is gone`);
  if (observed.state === 'unknown') return { action: 'delete', fields: [], reason: `${reason} (${observed.reason})`, destructive: true };
  return { action: 'delete', fields: [], reason, destructive: true, ...(drain ? { notes: ['its pods are evicted (PodDisruptionBudgets are honoured) and rescheduled elsewhere'] } : {}) };
}

/**
 * Pure: the pods a drain must evict, as `kubectl drain --ignore-daemonsets` picks them: DaemonSet
 * pods would be recreated on the node at once and mirror pods are kubelet's own static pods.
 */
export function podsToEvict(pods: PodRef[]): PodRef[] {
  return pods.filter((p) => !p.mirror && !p.ownerKinds.includes('DaemonSet'));
}

function drainProgress(left: number, blocked: number): string {
  return `${left} pod${left === 1 ? '' : 's'} left to evict${blocked ? `, ${blocked} held by a PodDisruptionBudget` : ''}`;
}
