import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { CtoError } from '../../diagnostics/error.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import { execute } from '../../executors/execute.js';
import { stepDiagnostics } from '../../planner/observe.js';
import { hasChanges } from '../../planner/plan.js';
import { readPlanFile, staleReasons } from '../../planner/plan-file.js';
import type { StateBackendOptions } from '../../state/backend.js';
import { lockedRun } from '../locked-run.js';
import { confirmApply } from '../confirm.js';
import { makePlan, parallelismOf } from '../make-plan.js';
import { createProgressView } from '../progress/index.js';
import { renderPlan, useColor } from '../render/plan-output.js';
import { openSession, type SessionOptions } from '../session.js';

export interface ApplyFlags extends SessionOptions, StateBackendOptions {
  lockWait?: number;
  planFile?: string;
  autoApprove?: boolean;
  parallelism?: number;
  allowDestroy?: boolean;
  json?: boolean;
}

export async function applyCommand(o: ApplyFlags): Promise<number> {
  const saved = o.planFile ? await readPlanFile(o.planFile) : undefined;
  const session = await openSession(saved ? { ...o, file: saved.specFile } : o);
  const log = (line: string) => process.stderr.write(`${session.spec.secrets.redact(line)}\n`);
  return lockedRun(session, 'cto apply', o, log, async (interrupts) => {
    const allowDestroy = o.allowDestroy === true || (saved?.allowDestroy ?? false);
    const parallelism = parallelismOf(o.parallelism);
    const { planned, plan } = await makePlan(session, { parallelism, allowDestroy });
    if (saved) {
      const reasons = staleReasons(saved, plan);
      if (reasons.length) throw new CtoError(reasons.map((message) => ({ severity: 'error', message: `saved plan is stale: ${message}`, hint: 'run `cto plan -out FILE` again' })));
    } else if (!o.json) {
      process.stdout.write(`${renderPlan(plan, 'human', useColor(process.stdout))}\n`);
    }
    const refused = plan.steps.filter((s) => s.refused);
    if (refused.length) throw new CtoError(refused.map((s) => ({ severity: 'error', stepId: s.id, message: `destructive ${s.action} refused: ${s.reason}`, hint: 'set spec.destroy.allow: true or pass --allow-destroy' })));
    if (!hasChanges(plan)) return 0;
    if (!saved && !o.autoApprove && !(await confirmApply())) {
      log('Apply cancelled.');
      return 1;
    }

    const view = createProgressView({ json: o.json === true, stream: process.stderr, color: useColor(process.stderr) });
    const started = Date.now();
    const results = await execute(planned, session.kinds, session.run, { parallelism, allowDestroy, drain: interrupts.drain, signal: interrupts.abort, onEvent: (e) => view.onEvent(e) });
    view.close();

    const count = { done: 0, failed: 0, blocked: 0, cancelled: 0 };
    let changed = 0;
    const problems: Diagnostic[] = [];
    for (const r of results.values()) {
      count[r.status]++;
      if (r.status === 'done' && r.value?.action !== 'noop') changed++;
      if (r.status === 'failed') problems.push(...stepDiagnostics(r.id, r.error));
    }
    if (problems.length) log(renderDiagnostics(problems, (t) => session.spec.secrets.redact(t)));
    const blocked = [...results.values()].filter((r) => r.status === 'blocked').map((r) => `${r.id} (by ${r.blockedBy})`);
    log(`\nApply ${count.failed || count.cancelled ? 'incomplete' : 'complete'} in ${Math.round((Date.now() - started) / 1000)}s: ${changed} changed, ${count.done - changed} already up to date, ${count.failed} failed, ${count.blocked} blocked, ${count.cancelled} not started.`);
    if (blocked.length) log(`Blocked: ${blocked.join(', ')}`);
    if (count.failed || count.cancelled || count.blocked) return 1;
    const { renderAccessHints } = await import('../../executors/platform/access.js');
    log(`\nCluster ${session.spec.cluster.metadata.name} is ready.\n${renderAccessHints(session.spec.cluster).join('\n')}`);
    return 0;
  });
}
