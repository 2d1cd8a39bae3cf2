import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { CtoError } from '../../diagnostics/error.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { execute } from '../../executors/execute.js';
import { stepDiagnostics } from '../../planner/observe.js';
import { compileDestroy } from '../../planner/destroy.js';
import { hasChanges } from '../../planner/plan.js';
import type { StateBackendOptions } from '../../state/backend.js';
import { OBSERVATIONS_FILE } from '../../state/observations.js';
import { lockedRun } from '../locked-run.js';
import { confirmApply } from '../confirm.js';
import { makePlan, parallelismOf } from '../make-plan.js';
import { createProgressView } from '../progress/index.js';
import { renderPlan, useColor } from '../render/plan-output.js';
import { openSpec, type OpenedSpec, type Session } from '../session.js';

export interface DestroyFlags extends StateBackendOptions {
  lockWait?: number;
  file?: string;
  stateDir?: string;
  autoApprove?: boolean;
  allowDestroy?: boolean;
  parallelism?: number;
  json?: boolean;
}

/**
 * Tears the whole cluster down: every node that still has a server is drained, reset and deleted,
 * in the reverse order of apply. Refused unless destruction is allowed; asks like apply. The state
 * folder (Talos secrets, kubeconfig) is kept: deleting the record of a cluster is the user's call.
 */
export async function destroyCommand(o: DestroyFlags): Promise<number> {
  const opened = await openSpec({ ...(o.file !== undefined ? { file: o.file } : {}), ...(o.stateDir !== undefined ? { stateDir: o.stateDir } : {}) });
  const log = (line: string) => process.stderr.write(`${opened.spec.secrets.redact(line)}\n`);
  return lockedRun(opened, 'cto destroy', o, log, async (interrupts) => {
    const session = await destroySession(opened, log);
    const allowDestroy = o.allowDestroy === true;
    const parallelism = parallelismOf(o.parallelism);
    const { planned, plan } = await makePlan(session, { parallelism, allowDestroy });
    if (!o.json) process.stdout.write(`${renderPlan(plan, 'human', useColor(process.stdout))}\n`);
    const refused = plan.steps.filter((s) => s.refused);
    if (refused.length) {
      throw new CtoError(refused.map((s) => ({ severity: 'error', stepId: s.id, message: `destructive ${s.action} refused: ${s.reason}`, hint: 'cto destroy deletes every server of the cluster: set spec.destroy.allow: true or pass --allow-destroy' })));
    }
    if (!hasChanges(plan)) {
      log(`Nothing to destroy: cluster ${session.spec.cluster.metadata.name} has no servers.`);
      if (o.json) process.stdout.write(`${JSON.stringify({ destroyed: [], failed: [] })}\n`);
      return 0;
    }
    if (!o.autoApprove && !(await confirmApply())) {
      log('Destroy cancelled.');
      return 1;
    }

    // What the last apply recorded no longer describes the world once teardown starts.
    await session.state.remove(OBSERVATIONS_FILE);
    const view = createProgressView({ json: o.json === true, stream: process.stderr, color: useColor(process.stderr) });
    const results = await execute(planned, session.kinds, session.run, { parallelism, allowDestroy, drain: interrupts.drain, signal: interrupts.abort, onEvent: (e) => view.onEvent(e) });
    view.close();

    const destroyed = [...results.values()].filter((r) => r.status === 'done' && r.value?.action === 'delete').map((r) => r.id);
    const unfinished = [...results.values()].filter((r) => r.status !== 'done');
    const problems: Diagnostic[] = unfinished.flatMap((r) => (r.status === 'failed' ? stepDiagnostics(r.id, r.error) : []));
    if (problems.length) log(renderDiagnostics(problems, (t) => session.spec.secrets.redact(t)));
    if (o.json) process.stdout.write(`${JSON.stringify({ destroyed, failed: unfinished.map((r) => ({ id: r.id, status: r.status })) })}\n`);
    log(`\nDestroyed ${destroyed.length} of ${plan.steps.filter((s) => s.action === 'delete').length}:${destroyed.map((id) => `\n  - ${id}`).join('')}`);
    if (unfinished.length) {
      log(`Not destroyed: ${unfinished.map((r) => `${r.id} (${r.status})`).join(', ')}. Run cto destroy again once the cause is fixed.`);
      return 1;
    }
    log(`Cluster ${session.spec.cluster.metadata.name} is destroyed. Its state folder ${session.state.dir} is kept (Talos secrets, kubeconfig): remove it when you no longer need it.`);
    return 0;
  });
}

/** The session with the teardown graph of every node that has a server, in place of the spec's. */
async function destroySession(s: OpenedSpec, log: (line: string) => void): Promise<Session> {
  const ctx = s.run.forStep({ signal: new AbortController().signal, progress: () => undefined });
  const { clusterServers } = await import('../../executors/latitude/reads.js');
  const { clusterApiAnswers } = await import('../../executors/talos/cluster-kube.js');
  const servers = await clusterServers(ctx);
  const kubernetes = servers.length > 0 && (await clusterApiAnswers(ctx));
  if (servers.length > 0 && !kubernetes) log('The cluster API does not answer: DiskPools and Nodes are not removed (they go with the cluster); Talos is reset and the servers deleted.');
  const compiled = compileDestroy(s.spec.cluster, servers.map((x) => x.hostname), { kubernetes });
  return { ...s, compiled, steps: compiled.steps };
}
