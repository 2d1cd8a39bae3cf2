import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunContext } from '../../src/executors/context.js';
import type { KindRegistry } from '../../src/executors/registry.js';
import type { StepKind } from '../../src/executors/step-kind.js';
import { noop, type Change } from '../../src/planner/change.js';
import type { Phase, Step } from '../../src/planner/step.js';
import { SecretSet } from '../../src/spec/secrets.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';

/**
 * A synthetic world for testing the planner and executor without any provider: each step owns one
 * record in `world`; observing reads it, applying writes it. Counts every apply so tests can assert
 * "exactly once".
 */
export class SyntheticWorld {
  readonly records = new Map<string, Record<string, unknown>>();
  readonly applies = new Map<string, number>();
  /** Throw from apply of these steps (once each), to test failures and crashes. */
  readonly failOnce = new Map<string, Error>();

  kind(opts: { destructiveFields?: string[]; sensitiveFields?: string[] } = {}): StepKind<Record<string, unknown>, Record<string, unknown>> {
    return {
      kind: 'test.record',
      observe: async (step) => {
        const v = this.records.get(step.id);
        return v ? { state: 'present', value: v } : { state: 'absent' };
      },
      diff: (step, observed): Change => {
        if (observed.state !== 'present') return { action: 'create', fields: Object.entries(step.desired).map(([path, after]) => ({ path, after, ...(opts.sensitiveFields?.includes(path) ? { sensitive: true } : {}) })), reason: observed.state === 'unknown' ? observed.reason : 'does not exist' };
        const fields = Object.entries(step.desired)
          .filter(([k, v]) => JSON.stringify(observed.value[k]) !== JSON.stringify(v))
          .map(([path, after]) => ({ path, before: observed.value[path], after, ...(opts.sensitiveFields?.includes(path) ? { sensitive: true } : {}) }));
        if (!fields.length) return noop();
        const destructive = fields.some((f) => opts.destructiveFields?.includes(f.path));
        return { action: destructive ? 'replace' : 'update', fields, reason: `${fields.map((f) => f.path).join(', ')} changed`, destructive };
      },
      apply: async (step) => {
        const err = this.failOnce.get(step.id);
        if (err) {
          this.failOnce.delete(step.id);
          throw err;
        }
        this.applies.set(step.id, (this.applies.get(step.id) ?? 0) + 1);
        this.records.set(step.id, { ...step.desired });
        return { ...step.desired };
      },
    };
  }
}

export const step = (id: string, dependsOn: string[], desired: Record<string, unknown> = { v: 1 }, phase: Phase = 'infrastructure'): Step =>
  ({ id, kind: 'test.record', phase, dependsOn, desired });

export function syntheticRun(secrets = new SecretSet()): RunContext {
  const state = new StateFolder(mkdtempSync(join(tmpdir(), 'cto-synth-')));
  return new RunContext({ spec: {} as Cluster, secrets, state, journal: new Journal(state), env: {} });
}

export const registry = (k: StepKind<any, any>): KindRegistry => new Map([[k.kind, k]]);
