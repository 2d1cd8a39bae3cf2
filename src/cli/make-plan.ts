import { CtoError } from '../diagnostics/error.js';
import type { WalkEvent } from '../executors/walker.js';
import { buildPlan } from '../planner/build-plan.js';
import { observeAndDiff, type PlannedStep } from '../planner/observe.js';
import type { Plan } from '../planner/plan.js';
import type { Session } from './session.js';
import { version } from './version.js';

export interface PlanRun {
  planned: PlannedStep[];
  plan: Plan;
}

/** Observes, diffs and builds the JSON plan for a session. */
export async function makePlan(s: Session, opts: { parallelism: number; allowDestroy: boolean; onEvent?(e: WalkEvent): void }): Promise<PlanRun> {
  const planned = await observeAndDiff(s.steps, s.kinds, s.run, {
    parallelism: opts.parallelism,
    ...(s.recorded ? { recorded: s.recorded } : {}),
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

export const parallelismOf = (v: unknown): number => Number(v ?? 10);

/** `--refresh`, `--refresh=false`, `--no-refresh`, as Terraform users type them. */
export function refreshOf(v: unknown): boolean {
  if (v === undefined || v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new CtoError({ severity: 'error', message: `--refresh must be true or false (got ${JSON.stringify(v)})` });
}
