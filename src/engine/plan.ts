import { CtoError } from '../diagnostics/error.js';
import type { WalkEvent } from '../executors/walk/walker.js';
import { buildPlan } from '../planner/build-plan.js';
import type { Plan } from '../planner/plan.js';
import type { PlannedStep } from '../planner/planned-step.js';
import { observeAndDiff } from './observe.js';
import type { Session } from './session.js';
import { version } from './version.js';

export interface PlanRun {
  planned: PlannedStep[];
  plan: Plan;
}

export interface PlanOptions {
  parallelism: number;
  allowDestroy: boolean;
  signal?: AbortSignal;
  onEvent?(e: WalkEvent): void;
}

/** Observes, diffs and builds the JSON plan for a session. */
export async function makePlan(s: Session, opts: PlanOptions): Promise<PlanRun> {
  const planned = await observeAndDiff(s.steps, s.kinds, s.run, {
    parallelism: opts.parallelism,
    ...(s.recorded ? { recorded: s.recorded } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  const plan = buildPlan(planned, {
    cluster: s.spec.cluster.metadata.name,
    specFile: s.spec.source.file,
    specHash: s.spec.hash,
    toolVersion: version,
    allowDestroy: opts.allowDestroy || s.spec.cluster.spec.destroy.allow,
    secrets: s.spec.secrets,
  });
  return { planned, plan };
}

/** A plan with refused destructive changes goes no further: one error naming each refused step. */
export function refuseDestructive(plan: Plan, hint: string): void {
  const refused = plan.steps.filter((s) => s.refused);
  if (refused.length) throw new CtoError(refused.map((s) => ({ severity: 'error', stepId: s.id, message: `destructive ${s.action} refused: ${s.reason}`, hint })));
}
