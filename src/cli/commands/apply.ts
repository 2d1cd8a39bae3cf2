import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { CtoError } from '../../diagnostics/error.js';
import { renderDiagnostics } from '../../diagnostics/render.js';
import type { RunContext } from '../../executors/context.js';
import { execute, type StepOutcome } from '../../executors/execute.js';
import type { TaskResult } from '../../executors/walker.js';
import type { Observation } from '../../planner/change.js';
import { stepDiagnostics } from '../../planner/observe.js';
import { hasChanges } from '../../planner/plan.js';
import { readPlanFile, staleReasons } from '../../planner/plan-file.js';
import type { StateBackendOptions } from '../../state/backend.js';
import { recordObservations } from '../../state/observations.js';
import { lockedRun } from '../locked-run.js';
import { confirmApply } from '../confirm.js';
import { makePlan, parallelismOf, refreshOf } from '../make-plan.js';
import { createProgressView } from '../progress/index.js';
import { renderPlan, useColor } from '../render/plan-output.js';
import { compileSession, openSpec, type SessionOptions } from '../session.js';

export interface ApplyFlags extends Omit<SessionOptions, 'refresh'>, StateBackendOptions {
  refresh?: unknown;
  lockWait?: number;
  planFile?: string;
  autoApprove?: boolean;
  parallelism?: number;
  allowDestroy?: boolean;
  json?: boolean;
}

/**
 * What the run left behind, for `--refresh=false`: a step that finished is present with its
 * output, or absent if it deleted; one that failed is no longer known; one that never ran keeps
 * what the plan saw.
 */
function applied(results: Map<string, TaskResult<StepOutcome>>, run: RunContext): Map<string, Observation<unknown> | undefined> {
  const out = new Map<string, Observation<unknown> | undefined>();
  for (const r of results.values()) {
    if (r.status === 'failed') out.set(r.id, undefined);
    if (r.status !== 'done') continue;
    if (run.outputs.has(r.id)) out.set(r.id, { state: 'present', value: run.outputs.get(r.id) });
    else out.set(r.id, r.value?.action === 'delete' ? { state: 'absent' } : undefined);
  }
  return out;
}

export async function applyCommand(o: ApplyFlags): Promise<number> {
  const saved = o.planFile ? await readPlanFile(o.planFile) : undefined;
  // A saved plan is checked against the world as it is now, so it is always refreshed.
  const options = { ...o, ...(saved ? { file: saved.specFile } : {}), refresh: saved ? true : refreshOf(o.refresh) };
  const opened = await openSpec(options);
  const log = (line: string) => process.stderr.write(`${opened.spec.secrets.redact(line)}\n`);
  return lockedRun(opened, 'cto apply', o, log, async (interrupts) => {
    const session = await compileSession(opened, options);
    const allowDestroy = o.allowDestroy === true || (saved?.allowDestroy ?? false);
    const parallelism = parallelismOf(o.parallelism);
    const { planned, plan } = await makePlan(session, { parallelism, allowDestroy });
    if (!session.recorded) await recordObservations(session.state, new Map(planned.map((p) => [p.step.id, p.observation])), session.spec.secrets);
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
    await recordObservations(session.state, applied(results, session.run), session.spec.secrets);

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
