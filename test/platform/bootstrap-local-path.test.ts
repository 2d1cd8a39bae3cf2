// platform/bootstrap and platform/local-path against the real control plane.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { bootstrapKind } from '../../src/executors/platform/bootstrap.js';
import { localPathKind } from '../../src/executors/platform/local-path.js';
import { PRIVILEGED_NAMESPACES } from '../../src/executors/platform/bootstrap.js';
import { ARGOCD_NAMESPACE } from '../../src/gitops-tree/argocd.js';
import { changesSharedObjects } from '../support/shared-objects.js';
import { Actor } from './actors.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { converge, plan, step, testCluster, testContext } from './context.js';

const kubeconfigPath = inject('kubeconfigPath');
const PASSWORD = 'ghp_r3po-t0ken-for-tests';
// The namespaces the product installs into, and the local-path StorageClass.
changesSharedObjects(kubeconfigPath);

describe('platform/bootstrap', () => {
  const s = step('platform/bootstrap', 'platform.bootstrap', {});

  it('creates the namespaces and the repository Secret without ever showing the credentials', async () => {
    const { cluster, secrets } = testCluster(
      'boot-it',
      { gitops: { repoURL: 'https://git.example/platform.git', credentials: { username: '${env:GIT_USER}', password: '${env:GIT_TOKEN}' } } },
      { GIT_USER: 'robot', GIT_TOKEN: PASSWORD },
    );
    const ctx = testContext(cluster, kubeconfigPath, { secrets });
    const actor = new Actor(kubeconfigPath, 'test');
    // Other test files create some of these namespaces (without cto's labels) in the shared control plane:
    // those are updates, the rest and the repository Secret are creates.
    const names = [ARGOCD_NAMESPACE, ...PRIVILEGED_NAMESPACES];
    const present = (await Promise.all(names.map((name) => actor.get({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })))).filter(Boolean).length;
    const observed = await bootstrapKind.observe(s, ctx);
    const planned = bootstrapKind.diff(s, observed, ctx);
    if (present === 0) expect(planned).toMatchObject({ action: 'create', reason: 'not installed yet' });
    else expect(planned).toMatchObject({ action: 'update', reason: `objects: ${names.length - present + 1} to create, ${present} to update` });
    expect(JSON.stringify({ observed, planned })).not.toContain(PASSWORD);
    const { after } = await converge(bootstrapKind, s, ctx);
    expect(after.action).toBe('noop');

    const openebs = (await actor.get({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } }))!;
    expect(openebs.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged' });
    const repo = (await actor.get({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cto-gitops-repository', namespace: 'argocd' } }))!;
    expect(repo.metadata.labels).toMatchObject({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(Buffer.from((repo.data as Record<string, string>).password!, 'base64').toString()).toBe(PASSWORD);
    expect(Buffer.from((repo.data as Record<string, string>).url!, 'base64').toString()).toBe('https://git.example/platform.git');

    // A rotated token shows as a sensitive change, never as its value.
    const rotated = testCluster(
      'boot-it',
      { gitops: { repoURL: 'https://git.example/platform.git', credentials: { username: '${env:GIT_USER}', password: '${env:GIT_TOKEN}' } } },
      { GIT_USER: 'robot', GIT_TOKEN: 'ghp_r0tated-t0ken' },
    );
    const change = await plan(bootstrapKind, s, testContext(rotated.cluster, kubeconfigPath, { secrets: rotated.secrets }));
    expect(change.fields).toEqual([{ path: 'Secret argocd/cto-gitops-repository: data.password', before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
    expect(JSON.stringify(change)).not.toMatch(/r0tated|r3po/);
  });
});

describe('platform/local-path', () => {
  const s = step('platform/local-path', 'platform.local-path', {});

  it('installs the manifest with volumes under /var/local, then shows no changes, and prunes what it no longer renders', async () => {
    await new Actor(kubeconfigPath, 'test').createNode('lp-it-worker-0', { 'cto.dev/test': 'lp-it' });
    // Namespaces come from platform/bootstrap.
    const { cluster: bootCluster } = testCluster('lp-it');
    await converge(bootstrapKind, step('platform/bootstrap', 'platform.bootstrap', {}), testContext(bootCluster, kubeconfigPath));

    const dir = mkdtempSync(path.join(tmpdir(), 'cto-lp-'));
    const withExtra = path.join(dir, 'local-path-storage.yaml');
    writeFileSync(withExtra, `${readFileSync(upstreamFile('local-path', 'local-path-storage.yaml'), 'utf8')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: retired, namespace: local-path-storage}\ndata: {a: b}\n`);
    const first = testCluster('lp-it', { platform: { localPathProvisioner: { manifest: withExtra } } });
    const { after } = await converge(localPathKind, s, testContext(first.cluster, kubeconfigPath));
    expect(after.action).toBe('noop');

    const actor = new Actor(kubeconfigPath, 'test');
    const config = (await actor.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-path-config', namespace: 'local-path-storage' } }))!;
    expect(JSON.parse((config.data as Record<string, string>)['config.json']!).nodePathMap[0].paths).toEqual(['/var/local/local-path-provisioner']);
    const sc = (await actor.get({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local-path' } }))!;
    expect(sc).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });

    const second = testCluster('lp-it', { platform: { localPathProvisioner: { manifest: upstreamFile('local-path', 'local-path-storage.yaml') } } });
    const ctx = testContext(second.cluster, kubeconfigPath);
    const prune = await plan(localPathKind, s, ctx);
    expect(prune).toMatchObject({ action: 'update', reason: 'objects: 1 to delete' });
    expect(prune.fields).toEqual([{ path: 'ConfigMap local-path-storage/retired', before: 'exists', after: 'deleted' }]);
    const retired: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'retired', namespace: 'local-path-storage' } };
    await localPathKind.apply(s, prune, ctx);
    expect(await actor.get(retired)).toBeUndefined();
    expect(await plan(localPathKind, s, ctx)).toMatchObject({ action: 'noop' });
  });
});
