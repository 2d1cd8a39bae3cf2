import { CtoError } from '../../diagnostics/error.js';
import { hasChanges } from '../../planner/plan.js';
import { backendFromOptions, type StateBackendOptions } from '../../state/backend.js';
import { writePlanFile } from '../../planner/plan-file.js';
import { makePlan, parallelismOf, refreshOf } from '../make-plan.js';
import { renderPlan, useColor } from '../render/plan-output.js';
import { compileSession, openSpec, type SessionOptions } from '../session.js';

export interface PlanFlags extends Omit<SessionOptions, 'refresh'>, StateBackendOptions {
  refresh?: unknown;
  out?: string;
  format?: string;
  json?: boolean;
  detailedExitcode?: boolean;
  parallelism?: number;
  allowDestroy?: boolean;
}

/** Exit codes as Terraform's: 0 no changes (or changes without --detailed-exitcode), 1 error, 2 changes. */
export async function planCommand(o: PlanFlags): Promise<number> {
  const options = { ...o, refresh: refreshOf(o.refresh) };
  const opened = await openSpec(options);
  // A team's state (the Talos secrets above all) lives in its backend: plan from that.
  await (await backendFromOptions({ ...o, cluster: opened.spec.cluster.metadata.name, folder: opened.state })).pull(opened.state, { allowEmpty: true });
  const session = await compileSession(opened, options);
  const { plan } = await makePlan(session, { parallelism: parallelismOf(o.parallelism), allowDestroy: o.allowDestroy === true });
  if (o.out) await writePlanFile(o.out, plan);
  process.stdout.write(`${renderPlan(plan, o.json ? 'json' : (o.format ?? 'human'), useColor(process.stdout))}\n`);
  const refused = plan.steps.filter((s) => s.refused);
  if (refused.length) {
    throw new CtoError(refused.map((s) => ({ severity: 'error', stepId: s.id, message: `destructive ${s.action} refused: ${s.reason}`, hint: 'set spec.destroy.allow: true or pass --allow-destroy if this is intended' })));
  }
  return o.detailedExitcode && hasChanges(plan) ? 2 : 0;
}
