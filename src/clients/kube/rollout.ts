import type { KubeObject } from './object.js';

export interface RolloutStatus {
  done: boolean;
  /** `2/3 updated, 1/3 ready`: what the progress line shows while waiting. */
  message: string;
}

/** The workload kinds whose rollout `cto` waits for. */
export const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

type Counts = Record<string, number | undefined>;

/**
 * Whether the controller has seen the latest spec (observedGeneration) and
 * every replica runs it and is ready, as `kubectl rollout status` decides.
 */
export function rolloutStatus(o: KubeObject): RolloutStatus {
  const status = (o.status ?? {}) as Counts;
  const spec = (o.spec ?? {}) as Counts;
  const generation = (o.metadata.generation as number | undefined) ?? 0;
  if ((status.observedGeneration ?? 0) < generation) {
    return { done: false, message: 'waiting for the controller to observe the new spec' };
  }
  const n = (v: number | undefined): number => v ?? 0;
  switch (o.kind) {
    case 'Deployment': {
      const want = spec.replicas ?? 1;
      const updated = n(status.updatedReplicas);
      const available = n(status.availableReplicas);
      const total = n(status.replicas);
      const done = updated >= want && total <= updated && available >= updated;
      return { done, message: `${updated}/${want} updated, ${available}/${want} available${total > updated ? `, ${total - updated} old` : ''}` };
    }
    case 'StatefulSet': {
      const want = spec.replicas ?? 1;
      const ready = n(status.readyReplicas);
      const updated = n(status.updatedReplicas);
      const s = o.status as { currentRevision?: string; updateRevision?: string };
      const revisionDone = !s.updateRevision || s.currentRevision === s.updateRevision || updated >= want;
      const done = ready >= want && updated >= want && revisionDone;
      return { done, message: `${updated}/${want} updated, ${ready}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = n(status.desiredNumberScheduled);
      const updated = n(status.updatedNumberScheduled);
      const available = n(status.numberAvailable);
      const done = updated >= want && available >= want;
      return { done, message: `${updated}/${want} nodes updated, ${available}/${want} available` };
    }
    default:
      return { done: true, message: 'no rollout' };
  }
}
