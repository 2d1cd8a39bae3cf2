import { hasChanges } from '../../planner/plan.js';
import { backendFromOptions, type StateBackendOptions } from '../../state/backend.js';
import { writePlanFile } from '../../planner/plan-file.js';
import { makePlan, refuseDestructive } from '../../engine/plan.js';
import { parallelismOf, refreshOf } from '../flags.js';
import { openSpecFile } from '../open-spec.js';
import { renderPlan, useColor } from '../render/plan-output.js';
import { compileSession, type SessionOptions } from '../../engine/session.js';

export interface PlanFlags extends Omit<SessionOptions, 'refresh'>, StateBackendOptions {
  file?: string;
  stateDir?: string;
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
  const opened = await openSpecFile(options);
  // A team's state (the Talos secrets above all) lives in its backend: plan from that.
  await (await backendFromOptions({ ...o, cluster: opened.spec.cluster.metadata.name, folder: opened.state })).pull(opened.state, { allowEmpty: true });
  const session = await compileSession(opened, options);
  const { plan } = await makePlan(session, { parallelism: parallelismOf(o.parallelism), allowDestroy: o.allowDestroy === true });
  if (o.out) await writePlanFile(o.out, plan);
  process.stdout.write(`${renderPlan(plan, o.json ? 'json' : (o.format ?? 'human'), useColor(process.stdout))}\n`);
  refuseDestructive(plan, 'set spec.destroy.allow: true or pass --allow-destroy if this is intended');
  return o.detailedExitcode && hasChanges(plan) ? 2 : 0;
}
