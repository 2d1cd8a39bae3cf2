// platform/argocd, gitops/app-of-apps and gitops/sync against the real control
// plane with Argo CD's real install manifest (CRDs and workloads). Nobody runs Argo CD's controller here: the
// test writes the status it would write.
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { appOfAppsKind } from '../../src/executors/gitops/app-of-apps.js';
import { syncKind, syncTiming } from '../../src/executors/gitops/sync.js';
import { argocdKind } from '../../src/executors/platform/argocd.js';
import { changesSharedObjects } from '../support/shared-objects.js';
import { Actor } from './actors.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { converge, plan, step, testCluster, testContext } from './context.js';

const kubeconfigPath = inject('kubeconfigPath');
const NAME = 'argo-it';
// Argo CD's CRDs and the argocd namespace.
changesSharedObjects(kubeconfigPath);


const gitops = (syncTimeout = '20s') => ({ repoURL: 'https://git.example/platform.git', path: 'infra/gitops', revision: 'main', syncTimeout });
/** `.status.operationState` as Argo CD writes it (operation and startedAt are required by the CRD). */
const operation = (phase: string, message?: string) => ({ operation: { sync: { revision: 'main' } }, phase, startedAt: '2026-11-27T08:00:00Z', ...(message ? { message } : {}) });
const app = (name: string): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' } });

describe('Argo CD and the app-of-apps', () => {
  const argo = new Actor(kubeconfigPath, 'argocd-application-controller');
  const manifest = upstreamFile('argocd', 'install.yaml');

  beforeAll(async () => {
    await argo.createNode(`${NAME}-worker-0`, { 'cto.dev/test': NAME });
    await new Actor(kubeconfigPath, 'test-setup').apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  });

  const context = (syncTimeout?: string, signal?: AbortSignal) =>
    testContext(testCluster(NAME, { gitops: gitops(syncTimeout), platform: { argocd: { manifest } } }).cluster, kubeconfigPath, signal ? { signal } : {});

  it('platform/argocd installs CRDs, workloads and the Application health check, then shows no changes', async () => {
    const s = step('platform/argocd', 'platform.argocd', {});
    const ctx = testContext(testCluster(NAME, { gitops: gitops(), platform: { argocd: { manifest } } }).cluster, kubeconfigPath);
    const { after } = await converge(argocdKind, s, ctx);
    expect(after).toMatchObject({ action: 'noop' });
    const cm = (await argo.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' } }))!;
    expect((cm.data as Record<string, string>)['resource.customizations.health.argoproj.io_Application']).toContain('obj.status.health.status');
    const crd = (await argo.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'applications.argoproj.io' } }))!;
    expect((crd.status as any).conditions).toContainEqual(expect.objectContaining({ type: 'Established', status: 'True' }));
    for (const name of ['argocd-server', 'argocd-repo-server', 'argocd-applicationset-controller', 'argocd-dex-server', 'argocd-notifications-controller', 'argocd-redis']) {
      const d = (await argo.get({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'argocd' } }))!;
      expect((d.status as any).availableReplicas, name).toBe(1);
    }
    const sts = (await argo.get({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'argocd-application-controller', namespace: 'argocd' } }))!;
    expect((sts.status as any).readyReplicas).toBe(1);
  });

  it('gitops/app-of-apps applies the root Application with automated prune and self-heal', async () => {
    const s = step('gitops/app-of-apps', 'gitops.app-of-apps', {});
    const { planned, after } = await converge(appOfAppsKind, s, context());
    expect(planned).toMatchObject({ action: 'create', reason: 'not installed yet' });
    expect(after).toMatchObject({ action: 'noop' });
    const root = (await argo.get(app('app-of-apps')))!;
    expect(root.spec).toMatchObject({
      source: { repoURL: 'https://git.example/platform.git', path: 'infra/gitops', targetRevision: 'main' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
  });

  describe('gitops/sync', () => {
    const s = step('gitops/sync', 'gitops.sync', {});
    const status = (sync: string, health: string, extra: Record<string, unknown> = {}) => ({ status: { sync: { status: sync }, health: { status: health }, ...extra } });

    beforeAll(async () => {
      await new Actor(kubeconfigPath, 'test-setup').apply({ ...app('openebs'), spec: { project: 'default', source: { repoURL: 'https://openebs.github.io/openebs', chart: 'openebs', targetRevision: '4.5.1' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'openebs' } } });
    });

    it('waits while Argo CD syncs, showing which children are not healthy, and is a no-op once Synced and Healthy', async () => {
      await argo.mergePatch(app('app-of-apps'), status('OutOfSync', 'Progressing', { operationState: operation('Running'), conditions: null }));
      await argo.mergePatch(app('openebs'), status('Synced', 'Progressing'));
      const ctx = context();
      const change = await plan(syncKind, s, ctx);
      expect(change).toMatchObject({ action: 'update', reason: 'wait for app-of-apps to sync (sync OutOfSync, health Progressing, operation Running)' });

      const waiting = syncKind.apply(s, change, ctx);
      await vi.waitFor(() => expect(ctx.progressLines[0]).toMatch(/not yet healthy: openebs \(Progressing\)/), { timeout: 60_000, interval: 50 });
      await argo.mergePatch(app('openebs'), status('Synced', 'Healthy'));
      await argo.mergePatch(app('app-of-apps'), status('Synced', 'Healthy', { operationState: operation('Succeeded') }));
      await expect(waiting).resolves.toMatchObject({ root: { sync: 'Synced', health: 'Healthy' } });
      expect(await plan(syncKind, s, ctx)).toMatchObject({ action: 'noop' });
    });

    it('fails fast on a Failed sync, naming the step and the Application', async () => {
      await argo.mergePatch(app('app-of-apps'), status('OutOfSync', 'Missing', { operationState: operation('Failed', 'one or more objects failed to apply') }));
      const ctx = context();
      const err = await syncKind.apply(s, await plan(syncKind, s, ctx), ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CtoError);
      expect((err as CtoError).message).toBe('gitops/sync: Application argocd/app-of-apps to be Synced and Healthy failed: sync Failed: one or more objects failed to apply');
      // Fast: from its first read, without a round of waiting (each round reports progress).
      expect(ctx.progressLines).toEqual([]);
    });

    it('fails on a child that stays Degraded', async () => {
      await argo.mergePatch(app('app-of-apps'), status('Synced', 'Degraded', { operationState: operation('Succeeded') }));
      await argo.mergePatch(app('openebs'), { status: { sync: { status: 'Synced' }, health: { status: 'Degraded', message: 'Deployment openebs-api-rest exceeded its progress deadline' } } });
      const err = await syncKind.apply(s, await plan(syncKind, s, context()), context()).catch((e: unknown) => e);
      expect((err as CtoError).message).toMatch(/^gitops\/sync: .* failed: Application (app-of-apps|openebs) is Degraded/);
    });

    it('fails on a ComparisonError that persists', async () => {
      await argo.mergePatch(app('openebs'), status('Synced', 'Healthy'));
      await argo.mergePatch(app('app-of-apps'), status('Unknown', 'Healthy', { operationState: null, conditions: [{ type: 'ComparisonError', message: 'rpc error: repository not accessible' }] }));
      const err = await syncKind.apply(s, await plan(syncKind, s, context()), context()).catch((e: unknown) => e);
      expect((err as CtoError).message).toBe('gitops/sync: Application argocd/app-of-apps to be Synced and Healthy failed: Application app-of-apps: ComparisonError: rpc error: repository not accessible');
    });

    it('gives up after the spec syncTimeout with the last status', async () => {
      await argo.mergePatch(app('app-of-apps'), status('OutOfSync', 'Progressing', { operationState: operation('Running'), conditions: null }));
      const ctx = context('2s');
      expect(syncTiming(ctx.spec).timeoutMs).toBe(2_000);
      const err = await syncKind.apply(s, await plan(syncKind, s, ctx), ctx).catch((e: unknown) => e);
      const gaveUp = /^gitops\/sync: gave up waiting for Application argocd\/app-of-apps to be Synced and Healthy after (\d+)s: sync OutOfSync, health Progressing, operation Running/.exec((err as CtoError).message);
      expect(gaveUp, (err as CtoError).message).not.toBeNull();
      expect(Number(gaveUp![1])).toBeGreaterThanOrEqual(2);
      // It waited, reading again and again, before giving up.
      expect(ctx.progressLines.length).toBeGreaterThan(1);
    });
  });
});
