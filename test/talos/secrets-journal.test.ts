// talos/secrets and the journal intent of a generation that a run died in (SIGKILL, power loss, a
// terminal's Ctrl-C reaching talosctl): the next run records how it ended, so nothing stays open.
import { describe, expect, it } from 'vitest';
import { SECRETS_FILE } from '../../src/state/files.js';
import { talosSecrets } from '../../src/executors/talos/secrets.js';
import { compile } from '../../src/planner/compile.js';
import type { Step } from '../../src/planner/step.js';
import { loadExample } from '../support/specs.js';
import { talosRun } from './support.js';

const setup = () => {
  const spec = loadExample('two-node.yaml').cluster;
  const run = talosRun(spec);
  const step = compile(spec).steps.find((s) => s.id === 'talos/secrets') as Step<never>;
  const ctx = run.forStep({ signal: AbortSignal.timeout(60_000), progress: () => {} });
  const plan = async () => talosSecrets.diff(step, await talosSecrets.observe(step, ctx), ctx);
  return { run, step, ctx, plan, journal: run.services.journal, state: run.services.state };
};

describe('talos/secrets and an interrupted generation', () => {
  it('died after writing the bundle: the plan shows the record to close, the apply closes it and keeps the bundle', async () => {
    const { step, ctx, plan, journal, state } = setup();
    expect((await plan()).action).toBe('create');
    await talosSecrets.apply(step, await plan(), ctx);
    const bundle = (await state.read(SECRETS_FILE))!.toString();
    expect(await journal.pending()).toEqual([]);
    // What a run killed between writing the bundle and completing its intent leaves.
    await journal.begin(step.id, 'generate', { file: SECRETS_FILE });

    const change = await plan();
    expect(change).toMatchObject({ action: 'update', reason: expect.stringMatching(/interrupted generation/) });
    await talosSecrets.apply(step, change, ctx);
    expect(await journal.pending()).toEqual([]);
    expect((await state.read(SECRETS_FILE))!.toString()).toBe(bundle);
    expect((await plan()).action).toBe('noop');
  });

  it('died before writing it: the apply records that nothing was written, then generates and records its own', async () => {
    const { step, ctx, plan, journal, state } = setup();
    await journal.begin(step.id, 'generate', { file: SECRETS_FILE });
    const change = await plan();
    expect(change.action).toBe('create');
    await talosSecrets.apply(step, change, ctx);
    expect(await journal.pending()).toEqual([]);
    expect((await state.read(SECRETS_FILE))!.toString()).toContain('secrets:');
    expect((await plan()).action).toBe('noop');
  });
});
