// gitops/sync against the real Argo CD application controller and repo server (testenv/argocd.ts),
// installed by cto's own platform steps from the real install manifest, syncing a GitOps tree
// from a git repository served over HTTP with credentials. This file starts its own control
// plane: the controller owns every Application in namespace argocd, where the platform tests
// write Application status by hand on the shared one.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { appOfAppsKind } from '../../src/executors/gitops/app-of-apps.js';
import { syncKind } from '../../src/executors/gitops/sync.js';
import { argocdKind } from '../../src/executors/platform/argocd.js';
import { bootstrapKind } from '../../src/executors/platform/bootstrap.js';
import { renderGitopsTree } from '../../src/gitops-tree/render.js';
import { startArgoCd, type ArgoCd } from '../../testenv/argocd.js';
import { startControlPlane, testenvBin, type ControlPlane } from '../../testenv/controlplane.js';
import { serveGit, type GitServer } from '../../testenv/git-http.js';
import { Actor } from '../platform/actors.js';
import { converge, plan, step, testCluster, testContext } from '../platform/context.js';

const run = promisify(execFile);
const NAME = 'argo-real';
const CREDENTIALS = { username: 'gitops-bot', password: 'gitops-token-0123456789' };
const GITOPS_PATH = 'infra/gitops';

const application = (name: string, wave: number, path: string, namespace: string): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
  spec: {
    project: 'default',
    source: { repoURL: '', path, targetRevision: '' },
    destination: { server: 'https://kubernetes.default.svc', namespace },
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
  },
});

const deployment = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1' }], ...extra },
    },
  },
});

const yaml = (...objects: KubeObject[]) => objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');

describe('gitops/sync against the real Argo CD controller', () => {
  let dir: string;
  let cp: ControlPlane;
  let argo: ArgoCd;
  let git: GitServer;
  let repo: string;
  let repoURL: string;
  const commits = new Map<string, string>();

  const cluster = (revision: string, syncTimeout = '3m') =>
    testCluster(NAME, {
      gitops: { repoURL, path: GITOPS_PATH, revision, syncTimeout, credentials: { username: '${env:GITOPS_USERNAME}', password: '${env:GITOPS_TOKEN}' } },
      platform: { argocd: { manifest: testenvBin('argocd-install.yaml') } },
    }, { GITOPS_USERNAME: CREDENTIALS.username, GITOPS_TOKEN: CREDENTIALS.password });
  const context = (revision: string, syncTimeout?: string) => {
    const { cluster: c, secrets } = cluster(revision, syncTimeout);
    return testContext(c, cp.kubeconfigPath, { secrets, signal: AbortSignal.timeout(600_000) });
  };

  /** Commits `files` (paths in the repository) on a new branch `branch` made from main's first commit. */
  const commitBranch = async (branch: string, files: Record<string, string>) => {
    const g = (...args: string[]) => run('git', ['-C', repo, ...args]);
    await g('checkout', '--quiet', '--orphan', branch);
    await g('rm', '-r', '--quiet', '--force', '--ignore-unmatch', '.');
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(repo, path)), { recursive: true });
      await writeFile(join(repo, path), content);
    }
    await g('add', '--all');
    await g('-c', 'user.name=cto test', '-c', 'user.email=test@cto.invalid', 'commit', '--quiet', '--message', `tree ${branch}`);
    commits.set(branch, (await g('rev-parse', 'HEAD')).stdout.trim());
  };

  /** cto's own tree (README, the platform project) plus `extra` files under the tree root. */
  const tree = (revision: string, extra: Record<string, string>) => {
    const own = Object.fromEntries(renderGitopsTree(cluster(revision).cluster).map((f) => [f.path, f.content]));
    return { ...own, ...Object.fromEntries(Object.entries(extra).map(([p, c]) => [p.startsWith('apps/') ? p : `${GITOPS_PATH}/${p}`, c])) };
  };
  const child = (name: string, wave: number, namespace: string) => {
    const app = application(name, wave, `apps/${name}`, namespace);
    (app.spec as any).source.repoURL = repoURL;
    return app;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cto-argocd-it-'));
    cp = await startControlPlane({ dir: join(dir, 'controlplane') });
    await cp.createNode({ name: `${NAME}-worker-0`, labels: { 'cto.dev/test': NAME } });
    repo = join(dir, 'git', 'platform');
    await mkdir(repo, { recursive: true });
    await run('git', ['init', '--quiet', '--initial-branch', 'main', repo]);
    git = await serveGit({ root: join(dir, 'git'), credentials: CREDENTIALS });
    repoURL = git.url('platform');
    await mkdir(join(dir, 'argocd'));
    argo = await startArgoCd({ kubeconfigPath: cp.kubeconfigPath, dir: join(dir, 'argocd'), resyncSeconds: 10 });
  }, 600_000);

  afterAll(async () => {
    await argo?.stop();
    await git?.stop();
    await cp?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('syncs the app-of-apps: child Applications in sync-wave order, health from the controller, the commit in operationState', async () => {
    await commitBranch('main', tree('main', {
      'applications/web/first.yaml': yaml(child('first', 1, 'first')),
      'applications/web/second.yaml': yaml(child('second', 2, 'second')),
      'apps/first/deployment.yaml': yaml(deployment('first')),
      'apps/second/deployment.yaml': yaml(deployment('second')),
    }));
    const ctx = context('main');
    await converge(bootstrapKind, step('platform/bootstrap', 'platform.bootstrap', {}), ctx);
    await converge(argocdKind, step('platform/argocd', 'platform.argocd', {}), ctx);
    await converge(appOfAppsKind, step('gitops/app-of-apps', 'gitops.app-of-apps', {}), ctx);
    await argo.controllerStarted;

    const s = step('gitops/sync', 'gitops.sync', {});
    const result = await syncKind.apply(s, await plan(syncKind, s, ctx), ctx);
    expect(result.root).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    expect(result.children.map((c) => [c.name, c.sync, c.health])).toEqual([['first', 'Synced', 'Healthy'], ['second', 'Synced', 'Healthy']]);

    const actor = new Actor(cp.kubeconfigPath, 'test');
    const get = (name: string) => actor.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' } });
    const root = (await get('app-of-apps'))!;
    const op = (root.status as any).operationState;
    expect(op.phase).toBe('Succeeded');
    expect(op.syncResult.revision).toBe(commits.get('main'));
    // Wave 2 waits for wave 1 to be Healthy (the health check cto writes into argocd-cm): the second
    // Application is created only after the first one's Deployment is available.
    const first = (await actor.get({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'first', namespace: 'first' } }))!;
    const second = (await get('second'))!;
    expect((first.status as any).availableReplicas).toBe(1);
    expect(Date.parse(String(second.metadata.creationTimestamp))).toBeGreaterThanOrEqual(Date.parse(String(first.metadata.creationTimestamp)));
    expect(await plan(syncKind, s, ctx)).toMatchObject({ action: 'noop' });
  });

  it('shows the error of an Application that fails to render', async () => {
    await commitBranch('broken', tree('broken', { 'applications/web/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n data: [\n' }));
    const ctx = context('broken', '2m');
    await converge(appOfAppsKind, step('gitops/app-of-apps', 'gitops.app-of-apps', {}), ctx);
    const s = step('gitops/sync', 'gitops.sync', {});
    const err = await syncKind.apply(s, await plan(syncKind, s, ctx), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toMatch(/^gitops\/sync: Application argocd\/app-of-apps to be Synced and Healthy failed: Application app-of-apps: ComparisonError: .*bad\.yaml/);
  });

  it('gives up after the sync timeout on a wave that never becomes healthy, naming what is not healthy', async () => {
    // Pods of `web` never schedule (no Node has the label), so wave 1 never becomes Healthy and wave 2 never starts.
    await commitBranch('stuck', tree('stuck', {
      'applications/web/web.yaml': yaml(child('web', 1, 'web')),
      'applications/web/after.yaml': yaml(child('after', 2, 'after')),
      'apps/web/deployment.yaml': yaml(deployment('web', { nodeSelector: { 'cto.dev/no-such-node': 'true' } })),
      'apps/after/deployment.yaml': yaml(deployment('after')),
    }));
    const ctx = context('stuck', '20s');
    await converge(appOfAppsKind, step('gitops/app-of-apps', 'gitops.app-of-apps', {}), ctx);
    const s = step('gitops/sync', 'gitops.sync', {});
    const change = await plan(syncKind, s, ctx);
    expect(change.action).toBe('update');
    // Until Argo CD has deployed `web` and judged its Deployment (how long that takes depends on the machine).
    const actor = new Actor(cp.kubeconfigPath, 'test');
    const web = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'web', namespace: 'argocd' } };
    for (const deadline = Date.now() + 300_000; !((await actor.get(web))?.status as any)?.resources?.some((r: any) => r.health?.status === 'Progressing'); ) {
      expect(Date.now(), 'Argo CD never reported the Deployment of web as Progressing').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const err = await syncKind.apply(s, change, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toMatch(
      /^gitops\/sync: gave up waiting for Application argocd\/app-of-apps to be Synced and Healthy after 2\ds: .*not yet healthy: .*web \(Progressing; Deployment web\/web Progressing: Waiting for rollout to finish/,
    );
    expect(await actor.get({ ...web, metadata: { ...web.metadata, name: 'after' } })).toBeUndefined();
  }, 420_000); // the wait above allows Argo CD 300 s; the 20 s sync timeout comes after it
});
