import type { Action, FieldDiff } from './change.js';
import type { Phase } from './step.js';

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
}

export function summarize(steps: PlanStep[]): Record<Action, number> {
  const out: Record<Action, number> = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const s of steps) out[s.action]++;
  return out;
}

export const hasChanges = (plan: Plan): boolean => plan.steps.some((s) => s.action !== 'noop');
