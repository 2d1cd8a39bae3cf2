import { chmod, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { kinds } from '../../src/executors/kubeconfig/index.js';
import type { KubeconfigDesired } from '../../src/executors/kubeconfig/merge-step.js';
import { mergeKubeconfig } from '../../src/executors/kubeconfig/merge.js';
import type { StepContext } from '../../src/executors/step-kind.js';
import type { Step } from '../../src/planner/step.js';
import { afterRoundTrip, entry, USER_FILE } from './corpus.js';
import { stepContext } from './step-context.js';
import { KUBECONFIG_FILE } from '../../src/state/files.js';

const merge = kinds.find((k) => k.kind === 'kubeconfig.merge')!;
const unmerge = kinds.find((k) => k.kind === 'kubeconfig.unmerge')!;

let home: string;
let file: string;
let adminText: string;

beforeAll(async () => {
  // The real control plane's admin kubeconfig stands in for the one kubernetes/api keeps in the state folder.
  adminText = await readFile(inject('kubeconfigPath'), 'utf8');
});
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'cto-unmerge-'));
  file = path.join(home, '.kube', 'config');
  await mkdir(path.dirname(file), { recursive: true });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** A context whose state folder holds the cluster's admin kubeconfig (unless `admin` is false). */
async function context(env: Record<string, string | undefined> = { HOME: home }, admin = true): Promise<StepContext> {
  const ctx = stepContext(home, env);
  if (admin) await ctx.state.writeAtomic(KUBECONFIG_FILE, adminText);
  return stepContext(home, env, admin ? ctx.state.path(KUBECONFIG_FILE) : undefined);
}

const step = (kind: string, desired: Partial<KubeconfigDesired> = {}): Step<KubeconfigDesired> => ({
  id: 'kubeconfig',
  kind,
  phase: 'post-install',
  dependsOn: [],
  desired: { path: '', context: 'cto-prod', ...desired },
});

async function run(kind: typeof merge, s: Step<KubeconfigDesired>, ctx: StepContext) {
  const change = kind.diff(s, await kind.observe(s, ctx), ctx);
  if (change.action !== 'noop') await kind.apply(s, change, ctx);
  return change;
}

const keyMaterial = () =>
  (parse(adminText).users as { user: Record<string, unknown> }[]).flatMap((u) => Object.values(u.user).filter((v): v is string => typeof v === 'string' && v.length > 8));

describe('kubeconfig.unmerge', () => {
  it('takes out what the merge put in, keeping every other byte and the file mode, then is a noop', async () => {
    await writeFile(file, USER_FILE);
    await run(merge, step('kubeconfig.merge'), await context());
    await chmod(file, 0o640);

    const ctx = await context();
    const change = await run(unmerge, step('kubeconfig.unmerge'), ctx);
    const server = parse(adminText).clusters[0].cluster.server as string;
    expect(change).toMatchObject({ action: 'delete', reason: `remove context "cto-prod" of the destroyed cluster from ${file}` });
    expect(change.destructive).toBeFalsy();
    expect(change.fields).toEqual([
      { path: 'clusters[cto-prod]', before: server },
      { path: 'users[cto-prod]', before: '(sensitive)', sensitive: true },
      { path: 'contexts[cto-prod]', before: { cluster: 'cto-prod', user: 'cto-prod' } },
      { path: 'current-context', before: 'cto-prod', after: '' },
    ]);
    for (const secret of keyMaterial()) {
      expect(JSON.stringify(change)).not.toContain(secret);
      expect(ctx.secrets.redact(secret)).toBe('(sensitive)');
    }

    expect(await readFile(file, 'utf8')).toBe(afterRoundTrip(USER_FILE));
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await run(unmerge, step('kubeconfig.unmerge'), await context())).toMatchObject({ action: 'noop', reason: `context "cto-prod" is not in ${file}`, fields: [] });
  });

  it('leaves a same-named context of another cluster alone, and the plan says why', async () => {
    const theirs = mergeKubeconfig(USER_FILE, entry(), file);
    await writeFile(file, theirs);
    const change = await run(unmerge, step('kubeconfig.unmerge'), await context());
    expect(change).toMatchObject({ action: 'noop', reason: `context "cto-prod" in ${file} is not this cluster's` });
    expect(change.notes).toEqual([expect.stringMatching(/^context "cto-prod" is left alone: its cluster points at https:\/\/203\.0\.113\.10:6443, not at this cluster's API https:\/\/127\.0\.0\.1:\d+$/)]);
    expect(await readFile(file, 'utf8')).toBe(theirs);
  });

  it('plans a noop without a kubeconfig file, and recognises nothing without the cluster kubeconfig in the state folder', async () => {
    expect(await run(unmerge, step('kubeconfig.unmerge'), await context())).toMatchObject({ action: 'noop', reason: `context "cto-prod" is not in ${file}` });

    await run(merge, step('kubeconfig.merge'), await context());
    await rm(path.join(home, 'state', KUBECONFIG_FILE));
    const merged = await readFile(file, 'utf8');
    const change = await run(unmerge, step('kubeconfig.unmerge'), await context({ HOME: home }, false));
    expect(change).toMatchObject({ action: 'noop', notes: [expect.stringContaining('the state folder has no admin kubeconfig')] });
    expect(await readFile(file, 'utf8')).toBe(merged);
  });

  it('edits the file spec.kubeconfig.path names through its symlink, as the merge did', async () => {
    const real = path.join(home, 'dotfiles', 'kubeconfig');
    await mkdir(path.dirname(real), { recursive: true });
    await writeFile(real, USER_FILE);
    await symlink(real, path.join(home, 'kc'));
    const s = { path: '~/kc', context: 'lab' };
    await run(merge, step('kubeconfig.merge', s), await context({ HOME: home, KUBECONFIG: file }));
    expect(parse(await readFile(real, 'utf8'))['current-context']).toBe('lab');

    const change = await run(unmerge, step('kubeconfig.unmerge', s), await context({ HOME: home, KUBECONFIG: file }));
    expect(change).toMatchObject({ action: 'delete', reason: `remove context "lab" of the destroyed cluster from ${real}` });
    expect((await lstat(path.join(home, 'kc'))).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toBe(afterRoundTrip(USER_FILE));
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
