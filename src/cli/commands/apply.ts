import { CtoError } from '../../diagnostics/error.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { applyPlan, recordPlan } from '../../engine/apply.js';
import { makePlan, refuseDestructive } from '../../engine/plan.js';
import { compileSession, type SessionOptions } from '../../engine/session.js';
import { hasChanges } from '../../planner/plan.js';
import { readPlanFile, staleReasons } from '../../planner/plan-file.js';
import type { StateBackendOptions } from '../../state/backend.js';
import { confirmApply } from '../confirm.js';
import { parallelismOf, refreshOf } from '../flags.js';
import { lockedRun } from '../locked-run.js';
import { openSpecFile } from '../open-spec.js';
import { createProgressView } from '../progress/index.js';
import { renderPlan, useColor } from '../render/plan-output.js';

export interface ApplyFlags extends Omit<SessionOptions, 'refresh'>, StateBackendOptions {
  file?: string;
  stateDir?: string;
  refresh?: unknown;
  lockWait?: number;
  planFile?: string;
  autoApprove?: boolean;
  parallelism?: number;
  allowDestroy?: boolean;
  json?: boolean;
}

export async function applyCommand(o: ApplyFlags): Promise<number> {
  const saved = o.planFile ? await readPlanFile(o.planFile) : undefined;
  // A saved plan is checked against the world as it is now, so it is always refreshed.
  const options = { ...o, ...(saved ? { file: saved.specFile } : {}), refresh: saved ? true : refreshOf(o.refresh) };
  const opened = await openSpecFile(options);
  const log = (line: string) => process.stderr.write(`${opened.spec.secrets.redact(line)}\n`);
  return lockedRun(opened, 'cto apply', o, log, async (interrupts) => {
    const session = await compileSession(opened, options);
    const allowDestroy = o.allowDestroy === true || (saved?.allowDestroy ?? false);
    const parallelism = parallelismOf(o.parallelism);
    const { planned, plan } = await makePlan(session, { parallelism, allowDestroy });
    await recordPlan(session, planned);
    if (saved) {
      const reasons = staleReasons(saved, plan);
      if (reasons.length) throw new CtoError(reasons.map((message) => ({ severity: 'error', message: `saved plan is stale: ${message}`, hint: 'run `cto plan -out FILE` again' })));
    } else if (!o.json) {
      process.stdout.write(`${renderPlan(plan, 'human', useColor(process.stdout))}\n`);
    }
    refuseDestructive(plan, 'set spec.destroy.allow: true or pass --allow-destroy');
    if (!hasChanges(plan)) return 0;
    if (!saved && !o.autoApprove && !(await confirmApply())) {
      log('Apply cancelled.');
      return 1;
    }

    const view = createProgressView({ json: o.json === true, stream: process.stderr, color: useColor(process.stderr) });
    const started = Date.now();
    const { count, changed, problems, blocked, snapshot } = await applyPlan(session, planned, { parallelism, allowDestroy, drain: interrupts.drain, signal: interrupts.abort, onEvent: (e) => view.onEvent(e) });
    view.close();

    if (problems.length) log(renderDiagnostics(problems, (t) => session.spec.secrets.redact(t)));
    log(`\nApply ${count.failed || count.cancelled ? 'incomplete' : 'complete'} in ${Math.round((Date.now() - started) / 1000)}s: ${changed} changed, ${count.done - changed} already up to date, ${count.failed} failed, ${count.blocked} blocked, ${count.cancelled} not started.`);
    if (blocked.length) log(`Blocked: ${blocked.join(', ')}`);
    if (snapshot) log(`etcd snapshot ${snapshot.taken ? 'taken before the upgrades' : 'of this rollout (taken by an earlier apply)'}: ${snapshot.path}`);
    if (count.failed || count.cancelled || count.blocked) return 1;
    const { renderAccessHints } = await import('../../executors/platform/access.js');
    log(`\nCluster ${session.spec.cluster.metadata.name} is ready.\n${renderAccessHints(session.spec.cluster).join('\n')}`);
    return 0;
  });
}
