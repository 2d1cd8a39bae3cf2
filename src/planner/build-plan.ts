import { createHash } from 'node:crypto';
import { REDACTED, type SecretSet } from '../spec/secrets.js';
import { isRefused } from './change.js';
import type { PlannedStep } from './planned-step.js';
import { PLAN_FORMAT_VERSION, summarize, totalCost, type Plan, type PlanStep } from './plan.js';
import type { FieldDiff } from '../spec/field-diff.js';

export interface PlanMeta {
  cluster: string;
  specFile: string;
  specHash: string;
  toolVersion: string;
  allowDestroy: boolean;
  secrets: SecretSet;
  now?: Date;
}

/** The one JSON plan every renderer and plan file is made from; nothing secret survives this function. */
export function buildPlan(planned: PlannedStep[], meta: PlanMeta): Plan {
  const redact = (v: unknown) => redactDeep(v, meta.secrets);
  const steps: PlanStep[] = planned.map(({ step, observation, change }) => ({
    id: step.id,
    kind: step.kind,
    phase: step.phase,
    ...(step.node ? { node: step.node } : {}),
    dependsOn: step.dependsOn,
    action: change.action,
    reason: meta.secrets.redact(change.reason),
    fields: change.fields.map((f) => redactField(f, redact)),
    destructive: change.destructive === true,
    notes: (change.notes ?? []).map((n) => meta.secrets.redact(n)),
    ...(isRefused(change, meta.allowDestroy)
      ? { refused: 'destructive change; set spec.destroy.allow: true or pass --allow-destroy' }
      : {}),
    observed: observation.state,
    fingerprint: fingerprint(observation),
    ...(change.cost ? { cost: change.cost } : {}),
  }));
  const cost = totalCost(steps);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    tool: { name: 'cto', version: meta.toolVersion },
    cluster: meta.cluster,
    specFile: meta.specFile,
    specHash: meta.specHash,
    observedFingerprint: sha256(steps.map((s) => `${s.id}=${s.fingerprint}`).join('\n')),
    createdAt: (meta.now ?? new Date()).toISOString(),
    allowDestroy: meta.allowDestroy,
    steps,
    summary: summarize(steps),
    ...(cost ? { cost } : {}),
  };
}

function redactField(f: FieldDiff, redact: (v: unknown) => unknown): FieldDiff {
  if (f.sensitive) return { path: f.path, ...('before' in f ? { before: REDACTED } : {}), ...('after' in f ? { after: REDACTED } : {}), sensitive: true };
  return { path: f.path, ...('before' in f ? { before: redact(f.before) } : {}), ...('after' in f ? { after: redact(f.after) } : {}) };
}

function redactDeep(v: unknown, secrets: SecretSet): unknown {
  if (typeof v === 'string') return secrets.redact(v);
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, secrets));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactDeep(x, secrets)]));
  return v;
}

/** Stable JSON (sorted keys) so the same observation always hashes the same. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const fingerprint = (v: unknown): string => sha256(stableJson(v)).slice(0, 16);
