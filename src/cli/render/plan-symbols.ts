import type { Action, CostChange, Money } from '../../planner/change.js';
import type { Plan } from '../../planner/plan.js';
import { PHASES, type Phase } from '../../planner/step.js';
import type { FieldDiff } from '../../spec/field-diff.js';

export const SYMBOL: Record<Action, string> = { create: '+', update: '~', delete: '-', replace: '-/+', noop: ' ' };

export const PHASE_TITLE: Record<Phase, string> = {
  infrastructure: 'Infrastructure',
  talos: 'Talos',
  platform: 'Platform',
  gitops: 'GitOps',
  'post-install': 'Post-install',
};

/** `Plan: 5 to create, 1 to update, 0 to destroy.` as Terraform words it; a replace both creates and destroys. */
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  if (s.create + s.update + s.replace + s.delete === 0) return 'No changes. The cluster matches the spec.';
  return `Plan: ${s.create + s.replace} to create, ${s.update} to update, ${s.delete + s.replace} to destroy.`;
}

export function stepsByPhase(plan: Plan): [Phase, Plan['steps']][] {
  return PHASES.map((p) => [p, plan.steps.filter((s) => s.phase === p)] as [Phase, Plan['steps']]).filter(([, steps]) => steps.length > 0);
}

export function showValue(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

export function fieldLine(f: FieldDiff): string {
  if (!('before' in f)) return `${f.path}: ${showValue(f.after)}`;
  if (!('after' in f)) return `${f.path}: ${showValue(f.before)} → (removed)`;
  return `${f.path}: ${showValue(f.before)} → ${showValue(f.after)}`;
}

/** Where the servers go and why: the one read-only decision a reviewer always wants to see. */
export function regionLine(plan: Plan): string | undefined {
  const region = plan.steps.find((s) => s.id === 'region');
  return region ? `Region: ${region.reason}` : undefined;
}

/** `+0.21 USD/hour, +146.00 USD/month`; a figure the catalog does not give says so, never 0. */
function moneyLine(m: Money, currency: string): string {
  const one = (n: number | null, per: string) => (n === null ? `${per}ly price unknown` : `${n >= 0 ? '+' : '-'}${Math.abs(n).toFixed(2)} ${currency}/${per}`);
  if (m.hour === null && m.month === null) return `price unknown (the catalog gives no ${currency} price)`;
  return `${one(m.hour, 'hour')}, ${one(m.month, 'month')}`;
}

/** One server's price change, for the line under its step. */
export function costLine(cost: CostChange): string {
  return `cost: ${moneyLine(cost.change, cost.currency)}`;
}

/** The plan's total price change, or undefined when it creates, replaces and deletes no server. */
export function totalCostLine(plan: Plan): string | undefined {
  const cost = plan.cost;
  if (!cost) return undefined;
  const priced = plan.steps.filter((s) => s.cost && s.action !== 'noop').length;
  if (cost.unknown.length === priced) return `Cost: price unknown for ${cost.unknown.join(', ')}`;
  const missing = cost.unknown.length > 0 ? `; price unknown for ${cost.unknown.join(', ')}, not counted` : '';
  return `Cost: ${moneyLine(cost.change, cost.currency)}${missing}`;
}

/** Each worker's Mayastor disk and why, shown even when nothing changes: a reviewer checks what gets wiped. */
export function diskLines(plan: Plan): string[] {
  return plan.steps.filter((s) => s.kind === 'storage.disk' && s.action === 'noop').map((s) => `Mayastor disk of ${s.node ?? s.id}: ${s.reason}`);
}
