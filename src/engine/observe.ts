import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CtoError } from '../diagnostics/error.js';
import type { RunContext } from '../executors/context.js';
import { kindOf, type KindRegistry } from '../executors/registry.js';
import { atStep, stepError, thrownBy } from '../executors/step-error.js';
import { walk, type TaskIO, type WalkEvent } from '../executors/walk/walker.js';
import type { Change } from '../planner/change.js';
import type { PlannedStep } from '../planner/planned-step.js';
import type { Step } from '../planner/step.js';
import type { Observation } from '../state/observations.js';
import type { RetryPolicy } from '../executors/walk/retry.js';

/** Reads are cheap to repeat, so observation retries even where the kind does not ask for more. */
export const OBSERVE_RETRY: RetryPolicy = { attempts: 3, baseMs: 500, maxMs: 5_000 };

export interface ObserveOptions {
  parallelism: number;
  /** `--refresh=false`: plan from these (the last apply's record) instead of reading the world. */
  recorded?: ReadonlyMap<string, Observation<unknown>>;
  signal?: AbortSignal;
  onEvent?(e: WalkEvent): void;
}

/** Whether dependents may build on what this step observed: not when it is about to be replaced or deleted. */
export const outputSurvives = (change: Change) => change.action !== 'replace' && change.action !== 'delete';

/**
 * Observes every step (in parallel, dependencies first, so a step can read what its dependencies
 * observed) and diffs it. A step whose dependency does not exist yet is `unknown`: known after apply.
 * With `recorded`, nothing is read: each step is diffed against what the last apply recorded.
 */
export async function observeAndDiff(steps: Step[], kinds: KindRegistry, run: RunContext, opts: ObserveOptions): Promise<PlannedStep[]> {
  const redact = (t: string) => run.services.secrets.redact(t);
  const planned = new Map<string, PlannedStep>();
  const results = await walk(
    steps.map((step) => {
      const kind = kindOf(kinds, step);
      return {
        id: step.id,
        dependsOn: step.dependsOn,
        retry: OBSERVE_RETRY,
        retryable: (err: unknown) => kind.retryable?.(thrownBy(err)) ?? false,
        run: (io: TaskIO) => atStep(step.id, redact, async () => {
          const ctx = run.forStep(io);
          const missing = step.dependsOn.find((d) => !run.outputs.has(d));
          // A step often needs only some of its dependencies' outputs (the sync needs the API, not the
          // new worker): try to observe it anyway; if it cannot be observed yet, it is known after apply.
          const unknown: Observation<unknown> = { state: 'unknown', reason: `known after ${missing} is applied` };
          const observation: Observation<unknown> = opts.recorded
            ? (opts.recorded.get(step.id) ?? { state: 'unknown', reason: 'not recorded by an earlier apply (plan without --refresh=false to read it)' })
            : missing
              ? await kind.observe(step, ctx).catch(() => unknown)
              : await kind.observe(step, ctx);
          const change = kind.diff(step, observation, ctx);
          if (observation.state === 'present' && outputSurvives(change)) run.outputs.set(step.id, observation.value);
          planned.set(step.id, { step, observation, change });
        }),
      };
    }),
    { parallelism: opts.parallelism, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}), redact },
  );
  const problems: Diagnostic[] = [];
  for (const r of results.values()) {
    if (r.status === 'failed') problems.push(...stepError(r.id, r.error, redact).diagnostics);
  }
  if (problems.length) throw new CtoError(problems);
  return steps.map((s) => planned.get(s.id)!);
}
