import { lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { CtoError } from '../../src/diagnostics/error.js';
import { kinds } from '../../src/executors/kubeconfig/index.js';
import { BACKUP_SUFFIX, type KubeconfigDesired } from '../../src/executors/kubeconfig/merge-step.js';
import type { StepContext } from '../../src/executors/step-kind.js';
import type { Step } from '../../src/planner/step.js';
import { stepContext } from './step-context.js';

const kind = kinds.find((k) => k.kind === 'kubeconfig.merge')!;

/** Another user's kubeconfig, with entries that must come through untouched. */
const OTHERS = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://staging.example.com:6443   # staging
  name: staging
contexts:
- context: {cluster: staging, user: staging}
  name: staging
current-context: staging
users:
- name: staging
  user:
    token: staging-token-0123
`;

let home: string;
let adminKubeconfig: string;
let adminText: string;

beforeAll(async () => {
  // The real control plane's admin kubeconfig stands in for the one kubernetes/api fetches from Talos.
  adminKubeconfig = inject('kubeconfigPath');
  adminText = await readFile(adminKubeconfig, 'utf8');
});
beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'cto-kubeconfig-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const context = (env: Record<string, string | undefined>, apiDone = true): StepContext => stepContext(home, env, apiDone ? adminKubeconfig : undefined);

const step = (desired: Partial<KubeconfigDesired> = {}): Step<KubeconfigDesired> => ({
  id: 'kubeconfig',
  kind: 'kubeconfig.merge',
  phase: 'post-install',
  dependsOn: ['kubernetes/api'],
  desired: { path: '', context: 'cto-prod', ...desired },
});

async function plan(s: Step<KubeconfigDesired>, ctx: StepContext) {
  return kind.diff(s, await kind.observe(s, ctx), ctx);
}

describe('kubeconfig.merge', () => {
  it('creates ~/.kube/config when there is none, 0600, then is a noop', async () => {
    const ctx = context({ HOME: home });
    const s = step();
    const change = await plan(s, ctx);
    const file = path.join(home, '.kube', 'config');
    expect(change).toMatchObject({ action: 'create', reason: `add context "cto-prod" to ${file}` });
    expect(change.fields.map((f) => f.path)).toEqual([
      'clusters[cto-prod].server',
      'clusters[cto-prod].certificate-authority-data',
      'users[cto-prod]',
      'contexts[cto-prod]',
      'current-context',
    ]);
    expect(change.fields.find((f) => f.path === 'users[cto-prod]')).toEqual({ path: 'users[cto-prod]', after: '(sensitive)', sensitive: true });

    await kind.apply(s, change, ctx);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(stat(`${file}${BACKUP_SUFFIX}`)).rejects.toMatchObject({ code: 'ENOENT' });
    const written = parse(await readFile(file, 'utf8'));
    expect(written['current-context']).toBe('cto-prod');

    const again = await plan(s, context({ HOME: home }));
    expect(again).toMatchObject({ action: 'noop', fields: [] });
  });

  it('merges beside other contexts, keeps a backup, and the merged context reaches the cluster', async () => {
    const file = path.join(home, '.kube', 'config');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, OTHERS, { mode: 0o644 });
    const ctx = context({ HOME: home });
    const s = step();
    await kind.apply(s, await plan(s, ctx), ctx);

    expect(await readFile(`${file}${BACKUP_SUFFIX}`, 'utf8')).toBe(OTHERS);
    expect((await stat(`${file}${BACKUP_SUFFIX}`)).mode & 0o777).toBe(0o600);
    const merged = await readFile(file, 'utf8');
    // The other entries' lines are all still there, in order, with their comments.
    const kept = OTHERS.split('\n').filter((l) => l !== 'current-context: staging');
    const lines = merged.split('\n');
    let at = 0;
    for (const line of kept) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }

    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(file);
    expect(kc.getCurrentContext()).toBe('cto-prod');
    expect(kc.getContexts().map((c) => c.name).sort()).toEqual(['cto-prod', 'staging']);
    const namespaces = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('kube-system');

    expect(await plan(s, context({ HOME: home }))).toMatchObject({ action: 'noop' });
  });

  it('updates drifted credentials and says so without showing them', async () => {
    const ctx = context({ HOME: home });
    const s = step();
    await kind.apply(s, await plan(s, ctx), ctx);
    const file = path.join(home, '.kube', 'config');
    const text = await readFile(file, 'utf8');
    const config = parse(text);
    const user = config.users.find((u: { name: string }) => u.name === 'cto-prod').user;
    const credential = Object.entries(user).find(([k]) => k.endsWith('-data') || k === 'token')!;
    await writeFile(file, text.replace(String(credential[1]), 'c3RhbGU='));

    const ctx2 = context({ HOME: home });
    const change = await plan(s, ctx2);
    expect(change.action).toBe('update');
    expect(change.fields).toEqual([{ path: 'users[cto-prod]', before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
    expect(JSON.stringify(change)).not.toContain(String(credential[1]));
    // Key material read from either file is registered, so no log or error can carry it.
    expect(ctx2.secrets.redact(String(credential[1]))).toBe('(sensitive)');
  });

  it('leaves a user who switched current-context alone, and sets it again when it writes the entry', async () => {
    const ctx = context({ HOME: home });
    const s = step();
    await kind.apply(s, await plan(s, ctx), ctx);
    const file = path.join(home, '.kube', 'config');
    const text = await readFile(file, 'utf8');
    const switched = text.replace('current-context: cto-prod', 'current-context: elsewhere');
    await writeFile(file, switched);
    expect(await plan(s, context({ HOME: home }))).toMatchObject({ action: 'noop' });
    // A lost context is written back, and with it the current context, as on the first apply.
    await writeFile(file, '');
    const change = await plan(s, context({ HOME: home }));
    expect(change.fields.at(-1)).toEqual({ path: 'current-context', after: 'cto-prod' });
    await kind.apply(s, change, context({ HOME: home }));
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('uses $KUBECONFIG when it names one file', async () => {
    const file = path.join(home, 'clusters', 'kubeconfig.yaml');
    const ctx = context({ HOME: home, KUBECONFIG: file });
    const s = step();
    const change = await plan(s, ctx);
    expect(change.reason).toContain(file);
    await kind.apply(s, change, ctx);
    expect(parse(await readFile(file, 'utf8'))['current-context']).toBe('cto-prod');
    await expect(stat(path.join(home, '.kube', 'config'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to guess when $KUBECONFIG names several files', async () => {
    const ctx = context({ HOME: home, KUBECONFIG: [path.join(home, 'a'), path.join(home, 'b')].join(path.delimiter) });
    const err = await kind.observe(step(), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({
      path: 'spec.kubeconfig.path',
      message: expect.stringContaining('names 2 files'),
      hint: expect.stringContaining('spec.kubeconfig.path'),
    });
  });

  it('prefers spec.kubeconfig.path over $KUBECONFIG, expanding ~, and keeps a symlink a symlink', async () => {
    const real = path.join(home, 'dotfiles', 'kubeconfig');
    await mkdir(path.dirname(real), { recursive: true });
    await writeFile(real, OTHERS);
    await mkdir(path.join(home, 'kc'));
    await symlink(real, path.join(home, 'kc', 'config'));
    const ctx = context({ HOME: home, KUBECONFIG: path.join(home, 'ignored') });
    const s = step({ path: '~/kc/config', context: 'prod-admin' });
    await kind.apply(s, await plan(s, ctx), ctx);
    expect((await lstat(path.join(home, 'kc', 'config'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(home, 'kc', 'config'))).toBe(real);
    const merged = parse(await readFile(real, 'utf8'));
    expect(merged['current-context']).toBe('prod-admin');
    expect(merged.contexts.map((c: { name: string }) => c.name).sort()).toEqual(['prod-admin', 'staging']);
    await expect(stat(path.join(home, 'ignored'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is unknown until kubernetes/api has fetched the cluster kubeconfig', async () => {
    const observed = await kind.observe(step(), context({ HOME: home }, false));
    expect(observed).toMatchObject({ state: 'unknown', reason: expect.stringContaining('kubernetes/api') });
    expect(kind.diff(step(), observed, context({ HOME: home }, false)).action).toBe('create');
  });

  it('never puts key material in an observation', async () => {
    const observed = await kind.observe(step(), context({ HOME: home }));
    const admin = parse(adminText);
    for (const u of admin.users) {
      for (const v of Object.values(u.user as Record<string, unknown>)) {
        if (typeof v === 'string' && v.length > 8) expect(JSON.stringify(observed)).not.toContain(v);
      }
    }
  });
});
