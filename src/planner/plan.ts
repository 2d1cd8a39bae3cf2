import { cents, type Action, type CostChange, type Money } from './change.js';
import type { Phase } from './step.js';
import type { FieldDiff } from '../spec/field-diff.js';

/** Bumped whenever a saved plan's shape changes; `cto apply plan.json` refuses other versions. */
export const PLAN_FORMAT_VERSION = 1;

/** One step of a plan, already redacted: this is what every renderer and plan file sees. */
export interface PlanStep {
  id: string;
  kind: string;
  phase: Phase;
  node?: string;
  dependsOn: string[];
  action: Action;
  reason: string;
  fields: FieldDiff[];
  destructive: boolean;
  notes: string[];
  /** Why a destructive change will not be applied (destruction not allowed). */
  refused?: string;
  /** `unknown` = known after apply: a dependency does not exist yet. */
  observed: 'present' | 'absent' | 'unknown';
  /** Hash of what was observed; a saved plan is stale when it changes. */
  fingerprint: string;
  cost?: CostChange;
}

/** The plan's price change: the sum over its servers, and the steps whose price is unknown (left out of the sum). */
export interface PlanCost {
  currency: string;
  change: { hour: number; month: number };
  unknown: string[];
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  tool: { name: 'cto'; version: string };
  cluster: string;
  specFile: string;
  specHash: string;
  /** Hash over every step's fingerprint. */
  observedFingerprint: string;
  createdAt: string;
  allowDestroy: boolean;
  steps: PlanStep[];
  summary: Record<Action, number>;
  /** Present when the plan creates, replaces or deletes servers. */
  cost?: PlanCost;
}

export function summarize(steps: PlanStep[]): Record<Action, number> {
  const out: Record<Action, number> = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const s of steps) out[s.action]++;
  return out;
}

/** Sums the steps' price changes; a step with an unknown figure is named, never counted as zero. */
export function totalCost(steps: PlanStep[]): PlanCost | undefined {
  const priced = steps.filter((s): s is PlanStep & { cost: CostChange } => s.cost !== undefined && s.action !== 'noop');
  if (priced.length === 0) return undefined;
  const sum = (key: keyof Money) => cents(priced.reduce((n, s) => n + (s.cost.change[key] ?? 0), 0));
  return {
    currency: priced[0]!.cost.currency,
    change: { hour: sum('hour'), month: sum('month') },
    unknown: priced.filter((s) => s.cost.change.hour === null || s.cost.change.month === null).map((s) => s.id),
  };
}

export const hasChanges = (plan: Plan): boolean => plan.steps.some((s) => s.action !== 'noop');
