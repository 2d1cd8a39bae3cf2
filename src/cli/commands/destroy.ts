import { renderDiagnostics } from '../../diagnostics/render.js';
import { destroyPlan, destroySession } from '../../engine/destroy.js';
import { makePlan, refuseDestructive } from '../../engine/plan.js';
import { hasChanges } from '../../planner/plan.js';
import type { StateBackendOptions } from '../../state/backend.js';
import { confirmApply } from '../confirm.js';
import { parallelismOf } from '../flags.js';
import { lockedRun } from '../locked-run.js';
import { openSpecFile } from '../open-spec.js';
import { createProgressView } from '../progress/index.js';
import { renderPlan, useColor } from '../render/plan-output.js';

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
  const opened = await openSpecFile(o);
  const log = (line: string) => process.stderr.write(`${opened.spec.secrets.redact(line)}\n`);
  return lockedRun(opened, 'cto destroy', o, log, async (interrupts) => {
    const session = await destroySession(opened, log);
    const allowDestroy = o.allowDestroy === true;
    const parallelism = parallelismOf(o.parallelism);
    const { planned, plan } = await makePlan(session, { parallelism, allowDestroy });
    if (!o.json) process.stdout.write(`${renderPlan(plan, 'human', useColor(process.stdout))}\n`);
    refuseDestructive(plan, 'cto destroy deletes every server of the cluster: set spec.destroy.allow: true or pass --allow-destroy');
    if (!hasChanges(plan)) {
      log(`Nothing to destroy: cluster ${session.spec.cluster.metadata.name} has no servers.`);
      if (o.json) process.stdout.write(`${JSON.stringify({ destroyed: [], failed: [] })}\n`);
      return 0;
    }
    if (!o.autoApprove && !(await confirmApply())) {
      log('Destroy cancelled.');
      return 1;
    }

    const view = createProgressView({ json: o.json === true, stream: process.stderr, color: useColor(process.stderr) });
    const { destroyed, unfinished, problems } = await destroyPlan(session, planned, { parallelism, allowDestroy, drain: interrupts.drain, signal: interrupts.abort, onEvent: (e) => view.onEvent(e) });
    view.close();

    if (problems.length) log(renderDiagnostics(problems, (t) => session.spec.secrets.redact(t)));
    if (o.json) process.stdout.write(`${JSON.stringify({ destroyed, failed: unfinished })}\n`);
    log(`\nDestroyed ${destroyed.length} of ${plan.steps.filter((s) => s.action === 'delete').length}:${destroyed.map((id) => `\n  - ${id}`).join('')}`);
    if (unfinished.length) {
      log(`Not destroyed: ${unfinished.map((r) => `${r.id} (${r.status})`).join(', ')}. Run cto destroy again once the cause is fixed.`);
      return 1;
    }
    log(`Cluster ${session.spec.cluster.metadata.name} is destroyed. Its state folder ${session.state.dir} is kept (Talos secrets, kubeconfig): remove it when you no longer need it.`);
    return 0;
  });
}

