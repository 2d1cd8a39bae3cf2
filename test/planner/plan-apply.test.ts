import { describe, expect, it } from 'vitest';
import { execute } from '../../src/engine/execute.js';
import { buildPlan } from '../../src/planner/build-plan.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import { staleReasons } from '../../src/planner/plan-file.js';
import { renderPlanHuman } from '../../src/cli/render/plan-human.js';
import { renderPlanMarkdown } from '../../src/cli/render/plan-markdown.js';
import { SecretSet } from '../../src/spec/secrets.js';
import { FakeClock } from '../support/fake-clock.js';
import { registry, step, SyntheticWorld, syntheticRun } from '../support/synthetic.js';

const meta = (secrets = new SecretSet(), allowDestroy = false) => ({ cluster: 'c', specFile: 'c.yaml', specHash: 'h1', toolVersion: '0.0.0', allowDestroy, secrets });
const steps = [step('a', []), step('b', ['a']), step('c', ['a']), step('d', ['b', 'c'])];

async function plan(world: SyntheticWorld, list = steps, secrets = new SecretSet(), allowDestroy = false) {
  const run = syntheticRun(secrets);
  const kinds = registry(world.kind({ destructiveFields: ['size'], sensitiveFields: ['token'] }));
  const planned = await observeAndDiff(list, kinds, run, { parallelism: 4 });
  return { planned, plan: buildPlan(planned, meta(secrets, allowDestroy)), run, kinds };
}

describe('retries during apply', () => {
  it('retries a transient error of a kind that declares none of its own policy, re-observing each time', async () => {
    const world = new SyntheticWorld();
    world.failOnce.set('b', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const kinds = registry({ ...world.kind(), retryable: (err: unknown) => (err as { code?: string }).code === 'ECONNREFUSED' });
    const run = syntheticRun();
    const planned = await observeAndDiff(steps, kinds, run, { parallelism: 4 });
    const results = await execute(planned, kinds, run, { parallelism: 4, allowDestroy: false, clock: new FakeClock() });
    expect(results.get('b')).toMatchObject({ status: 'done', attempts: 2 });
    expect(world.applies.get('b')).toBe(1);
  });
});

describe('plan without refresh', () => {
  it('diffs against the recorded observations, reads nothing, and marks unrecorded steps unknown', async () => {
    const world = new SyntheticWorld();
    const first = await plan(world);
    await execute(first.planned, first.kinds, first.run, { parallelism: 4, allowDestroy: false });
    world.records.set('c', { v: 0 }); // drift the record knows nothing about
    const recorded = new Map([['a', { state: 'present' as const, value: { v: 1 } }], ['b', { state: 'present' as const, value: { v: 2 } }], ['c', { state: 'present' as const, value: { v: 1 } }]]);
    const planned = await observeAndDiff(steps, registry(world.kind()), syntheticRun(), { parallelism: 4, recorded });
    expect(planned.map((p) => `${p.step.id} ${p.change.action}`)).toEqual(['a noop', 'b update', 'c noop', 'd create']);
    expect(planned.find((p) => p.step.id === 'd')!.change.reason).toMatch(/not recorded by an earlier apply/);
  });
});

describe('plan → apply → plan', () => {
  it('creates what is missing, then plans no changes', async () => {
    const world = new SyntheticWorld();
    const first = await plan(world);
    expect(first.plan.summary).toMatchObject({ create: 4, noop: 0 });
    // d depends on steps that do not exist yet, but can be observed on its own: it is absent.
    expect(first.plan.steps.find((s) => s.id === 'd')).toMatchObject({ observed: 'absent', action: 'create' });
    const results = await execute(first.planned, first.kinds, first.run, { parallelism: 4, allowDestroy: false });
    expect([...results.values()].every((r) => r.status === 'done')).toBe(true);
    const second = await plan(world);
    expect(second.plan.summary).toMatchObject({ create: 0, update: 0, noop: 4 });
    expect(renderPlanHuman(second.plan, { color: false })).toContain('No changes.');
    expect([...world.applies.values()]).toEqual([1, 1, 1, 1]);
  });

  it('shows drift field by field and repairs it', async () => {
    const world = new SyntheticWorld();
    const first = await plan(world);
    await execute(first.planned, first.kinds, first.run, { parallelism: 4, allowDestroy: false });
    world.records.set('c', { v: 0 });
    const drift = await plan(world);
    expect(drift.plan.steps.find((s) => s.id === 'c')).toMatchObject({ action: 'update', fields: [{ path: 'v', before: 0, after: 1 }] });
    expect(renderPlanHuman(drift.plan, { color: false })).toMatch(/~\s+c\s+update: v changed\n\s+v: 0 → 1/);
    expect(renderPlanHuman(drift.plan, { color: false })).toContain('Plan: 0 to create, 1 to update, 0 to destroy.');
    await execute(drift.planned, drift.kinds, drift.run, { parallelism: 4, allowDestroy: false });
    expect((await plan(world)).plan.summary.noop).toBe(4);
  });

  it('a failed step blocks only its dependents; a re-run finishes the job', async () => {
    const world = new SyntheticWorld();
    world.failOnce.set('b', new Error('boom'));
    const first = await plan(world);
    const results = await execute(first.planned, first.kinds, first.run, { parallelism: 4, allowDestroy: false });
    expect(results.get('b')!.status).toBe('failed');
    expect(results.get('c')!.status).toBe('done');
    expect(results.get('d')).toMatchObject({ status: 'blocked', blockedBy: 'b' });
    const again = await plan(world);
    expect(again.plan.summary).toMatchObject({ create: 2, noop: 2 });
    await execute(again.planned, again.kinds, again.run, { parallelism: 4, allowDestroy: false });
    expect(world.applies.get('a')).toBe(1);
    expect((await plan(world)).plan.summary.noop).toBe(4);
  });

  it('refuses destructive changes unless allowed', async () => {
    const world = new SyntheticWorld();
    const list = [step('s', [], { size: 'small' })];
    const first = await plan(world, list);
    await execute(first.planned, first.kinds, first.run, { parallelism: 1, allowDestroy: false });
    const grow = [step('s', [], { size: 'large' })];
    const refused = await plan(world, grow);
    expect(refused.plan.steps[0]).toMatchObject({ action: 'replace', destructive: true, refused: expect.stringContaining('--allow-destroy') });
    expect(renderPlanHuman(refused.plan, { color: false })).toContain('Plan: 1 to create, 0 to update, 1 to destroy.');
    const results = await execute(refused.planned, refused.kinds, refused.run, { parallelism: 1, allowDestroy: false });
    expect(results.get('s')!.status).toBe('failed');
    expect(String((results.get('s')!.error as Error).message)).toContain('refusing to replace');
    expect(world.records.get('s')).toEqual({ size: 'small' });
    const allowed = await plan(world, grow, new SecretSet(), true);
    expect(allowed.plan.steps[0]!.refused).toBeUndefined();
    await execute(allowed.planned, allowed.kinds, allowed.run, { parallelism: 1, allowDestroy: true });
    expect(world.records.get('s')).toEqual({ size: 'large' });
  });

  it('a saved plan is stale when the world moved or the spec changed', async () => {
    const world = new SyntheticWorld();
    const saved = (await plan(world)).plan;
    world.records.set('a', { v: 1 });
    const fresh = (await plan(world)).plan;
    expect(staleReasons(saved, fresh).join('\n')).toContain('a changed in the world: it was absent, now present');
    expect(staleReasons(saved, { ...saved, specHash: 'h2' })).toEqual(['the spec c.yaml changed since the plan was made']);
    expect(staleReasons(saved, saved)).toEqual([]);
  });

  it('never renders a secret: sensitive fields and known secret values are redacted everywhere', async () => {
    const secret = 'sup3r-s3cret-value-42';
    const secrets = new SecretSet();
    secrets.add(secret);
    const world = new SyntheticWorld();
    const { plan: p } = await plan(world, [step('s', [], { token: 'also-secret-token', note: `key is ${secret}` })], secrets);
    const renderings = [JSON.stringify(p), renderPlanHuman(p, { color: false }), renderPlanMarkdown(p)];
    for (const text of renderings) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain('also-secret-token');
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
      expect(text).toContain('(sensitive)');
    }
  });

  it('markdown stays under the comment limit with a truncation notice', async () => {
    const world = new SyntheticWorld();
    const many = Array.from({ length: 400 }, (_, i) => step(`server/n-${i}`, [], { v: 'x'.repeat(100) }));
    const { plan: p } = await plan(world, many);
    const md = renderPlanMarkdown(p, 10_000);
    expect(md.length).toBeLessThanOrEqual(10_000);
    expect(md).toContain('Truncated');
    expect(renderPlanMarkdown(p)).toContain('| Infrastructure | 400 | 0 | 0 | 0 | 0 |');
  });

  it('colours only when asked', async () => {
    const world = new SyntheticWorld();
    const { plan: p } = await plan(world);
    expect(renderPlanHuman(p, { color: false })).not.toMatch(/\x1b\[/);
    expect(renderPlanHuman(p, { color: true })).toMatch(/\x1b\[/);
  });
});
