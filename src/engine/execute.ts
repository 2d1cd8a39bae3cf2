import { CtoError } from '../diagnostics/error.js';
import { isRefused, type Action } from '../planner/change.js';
import type { PlannedStep } from '../planner/planned-step.js';
import { outputSurvives } from './observe.js';
import type { RunContext } from '../executors/context.js';
import { kindOf, type KindRegistry } from '../executors/registry.js';
import { atStep, thrownBy } from '../executors/step-error.js';
import { walk, type Clock, type TaskResult, type WalkEvent } from '../executors/walk/walker.js';
import type { RetryPolicy } from '../executors/walk/retry.js';

export interface ExecuteOptions {
  parallelism: number;
  allowDestroy: boolean;
  /** Per-key limits; keys not listed run one at a time (e.g. one Talos call per node). */
  concurrency?: Record<string, number>;
  drain?: AbortSignal;
  signal?: AbortSignal;
  clock?: Clock;
  onEvent?(e: WalkEvent): void;
}

export interface StepOutcome {
  action: Action;
}

/**
 * For kinds that say which errors are transient but set no policy of their own: enough tries to
 * ride out a restarting API server (up to ≈ 90 s of jittered backoff). Safe because every attempt
 * re-observes before it acts.
 */
export const APPLY_RETRY: RetryPolicy = { attempts: 10, baseMs: 1_000, maxMs: 15_000 };

/** Defaults that keep us under the Latitude write limit while servers are still created side by side. */
export const DEFAULT_CONCURRENCY: Record<string, number> = { 'latitude:write': 4 };

/**
 * Applies a plan: a step starts the moment its dependencies are done. Each step re-observes right
 * before acting (the world may have moved since the plan) unless the plan saw it up to date and
 * nothing it depends on changed since.
 */
export async function execute(planned: PlannedStep[], kinds: KindRegistry, run: RunContext, opts: ExecuteOptions): Promise<Map<string, TaskResult<StepOutcome>>> {
  const changed = new Set<string>();
  const redact = (t: string) => run.services.secrets.redact(t);
  return walk<StepOutcome>(
    planned.map(({ step, observation, change: plannedChange }) => {
      const kind = kindOf(kinds, step);
      const key = kind.limits?.concurrencyKey?.(step);
      return {
        id: step.id,
        dependsOn: step.dependsOn,
        ...(key ? { concurrencyKey: key } : {}),
        ...(kind.limits?.timeoutMs ? { timeoutMs: kind.limits.timeoutMs } : {}),
        ...(kind.limits?.retry ? { retry: kind.limits.retry } : kind.retryable ? { retry: APPLY_RETRY } : {}),
        retryable: (err: unknown) => kind.retryable?.(thrownBy(err)) ?? false,
        run: (io) => atStep(step.id, redact, async () => {
          const ctx = run.forStep(io);
          const upToDate = plannedChange.action === 'noop' && observation.state === 'present' && !step.dependsOn.some((d) => changed.has(d));
          if (upToDate) {
            run.outputs.set(step.id, observation.value);
            return { action: 'noop' };
          }
          const now = await kind.observe(step, ctx);
          const change = kind.diff(step, now, ctx);
          if (change.action === 'noop') {
            if (now.state === 'present') run.outputs.set(step.id, now.value);
            return { action: 'noop' };
          }
          if (isRefused(change, opts.allowDestroy)) {
            throw new CtoError({
              severity: 'error',
              stepId: step.id,
              message: `refusing to ${change.action}: ${change.reason}`,
              hint: 'set spec.destroy.allow: true or pass --allow-destroy if this is intended',
            });
          }
          const value = await kind.apply(step, change, ctx);
          changed.add(step.id);
          if (outputSurvives(change)) run.outputs.set(step.id, value);
          return { action: change.action };
        }),
      };
    }),
    {
      parallelism: opts.parallelism,
      concurrency: { ...DEFAULT_CONCURRENCY, ...opts.concurrency },
      redact,
      ...(opts.drain ? { drain: opts.drain } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    },
  );
}
