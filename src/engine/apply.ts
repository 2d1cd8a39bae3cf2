import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunContext } from '../executors/context.js';
import type { TaskResult, WalkEvent } from '../executors/walk/walker.js';
import type { PlannedStep } from '../planner/planned-step.js';
import { recordObservations } from '../state/observations.js';
import { execute, type StepOutcome } from './execute.js';
import { stepError } from '../executors/step-error.js';
import type { Session } from './session.js';
import type { Observation } from '../state/observations.js';
import type { StepOutputs } from '../executors/outputs.js';
import { addr } from '../planner/address.js';

export interface ApplyOptions {
  parallelism: number;
  allowDestroy: boolean;
  /** First stage of an interrupt: start nothing new, let running steps finish. */
  drain?: AbortSignal;
  signal?: AbortSignal;
  onEvent?(e: WalkEvent): void;
}

export interface ApplyResult {
  results: Map<string, TaskResult<StepOutcome>>;
  count: Record<TaskResult<StepOutcome>['status'], number>;
  /** Steps that finished with a change (not a noop). */
  changed: number;
  /** The failed steps' errors, each naming its step. */
  problems: Diagnostic[];
  /** `id (by dependency)` of each blocked step. */
  blocked: string[];
  /** The etcd snapshot taken before this apply's upgrades and reboots (by an earlier, interrupted apply when not `taken`). */
  snapshot?: { path: string; taken: boolean };
}

/** Steps that take nodes down: the etcd snapshot is taken before the first of them. */
const DISRUPTIVE_KINDS = new Set(['talos.upgrade', 'kubernetes.upgrade']);

/**
 * What a refreshed plan saw is what `--refresh=false` trusts next time: recorded before apply
 * changes anything. A plan made from the record itself adds nothing to it.
 */
export async function recordPlan(session: Session, planned: PlannedStep[]): Promise<void> {
  if (!session.recorded) await recordObservations(session.state, new Map(planned.map((p) => [p.step.id, p.observation])), session.spec.secrets);
}

/** Applies a plan's steps and records what they left behind for `--refresh=false`. */
export async function applyPlan(session: Session, planned: PlannedStep[], opts: ApplyOptions): Promise<ApplyResult> {
  const results = await execute(planned, session.kinds, session.run, opts);
  await recordObservations(session.state, applied(results, session.run), session.spec.secrets);
  const count = { done: 0, failed: 0, blocked: 0, cancelled: 0 };
  let changed = 0;
  const problems: Diagnostic[] = [];
  for (const r of results.values()) {
    count[r.status]++;
    if (r.status === 'done' && r.value?.action !== 'noop') changed++;
    if (r.status === 'failed') problems.push(...stepError(r.id, r.error).diagnostics);
  }
  const blocked = [...results.values()].filter((r) => r.status === 'blocked').map((r) => `${r.id} (by ${r.blockedBy})`);
  const snapshot = rolloutSnapshot(planned, results, session);
  return { results, count, changed, problems, blocked, ...(snapshot ? { snapshot } : {}) };
}

/** The snapshot protecting what this apply did to running nodes, if it did anything to them. */
function rolloutSnapshot(planned: PlannedStep[], results: Map<string, TaskResult<StepOutcome>>, session: Session): ApplyResult['snapshot'] {
  const file = (session.run.outputs.get(addr.etcdSnapshot) as StepOutputs[typeof addr.etcdSnapshot] | undefined)?.file;
  if (!file) return undefined;
  const ran = (id: string) => {
    const r = results.get(id);
    return r?.status === 'failed' || (r?.status === 'done' && r.value?.action !== 'noop');
  };
  const taken = ran(addr.etcdSnapshot);
  if (!taken && !planned.some((p) => DISRUPTIVE_KINDS.has(p.step.kind) && ran(p.step.id))) return undefined;
  return { path: session.state.path(file), taken };
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
