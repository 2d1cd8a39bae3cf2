import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compileDestroy } from '../planner/destroy.js';
import type { PlannedStep } from '../planner/planned-step.js';
import { OBSERVATIONS_FILE } from '../state/observations.js';
import type { ApplyOptions } from './apply.js';
import { execute } from './execute.js';
import { stepError } from '../executors/step-error.js';
import type { OpenedSpec, Session } from './session.js';

/**
 * The session with the teardown graph of every node that has a server, in place of the spec's. Without
 * an answering cluster API the Kubernetes steps are left out (their objects go with the cluster).
 */
export async function destroySession(s: OpenedSpec, log: (line: string) => void): Promise<Session> {
  const ctx = s.run.forStep({ signal: new AbortController().signal, progress: () => undefined });
  const { clusterServers } = await import('../executors/latitude/reads.js');
  const { clusterApiAnswers } = await import('../executors/kubernetes/cluster-kube.js');
  const servers = await clusterServers(ctx);
  const kubernetes = servers.length > 0 && (await clusterApiAnswers(ctx));
  if (servers.length > 0 && !kubernetes) log('The cluster API does not answer: DiskPools and Nodes are not removed (they go with the cluster); Talos is reset and the servers deleted.');
  const compiled = compileDestroy(s.spec.cluster, servers.map((x) => x.hostname), { kubernetes });
  return { ...s, compiled, steps: compiled.steps };
}

export interface DestroyResult {
  /** Ids of the steps that deleted something. */
  destroyed: string[];
  unfinished: { id: string; status: string }[];
  problems: Diagnostic[];
}

/** Runs a teardown plan. What the last apply recorded no longer describes the world once teardown starts. */
export async function destroyPlan(session: Session, planned: PlannedStep[], opts: ApplyOptions): Promise<DestroyResult> {
  await session.state.remove(OBSERVATIONS_FILE);
  const results = await execute(planned, session.kinds, session.run, opts);
  const destroyed = [...results.values()].filter((r) => r.status === 'done' && r.value?.action === 'delete').map((r) => r.id);
  const unfinished = [...results.values()].filter((r) => r.status !== 'done');
  const problems = unfinished.flatMap((r) => (r.status === 'failed' ? stepError(r.id, r.error).diagnostics : []));
  return { destroyed, unfinished: unfinished.map((r) => ({ id: r.id, status: r.status })), problems };
}
