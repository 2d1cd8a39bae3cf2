// The server-side-apply applier against the real API server: create, no-op,
// prune, unknown kinds, conflicts with another field manager, Secrets.
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { appliedObjects, applyObjects, planObjects } from '../../src/clients/kube/objects.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { Actor } from './actors.js';

const kubeconfigPath = inject('kubeconfigPath');
const NS = 'cto-applier-it';
const STEP = 'platform/applier-it';
const SET = { stepId: STEP, cluster: 'applier-it' };

const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
const cm = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data });
const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: NS }, stringData: { password: 'pa55-w0rd-never-shown' } };

async function applyAll(kube: KubeApi, objects: KubeObject[]) {
  const changes = await planObjects(kube, objects, SET);
  await applyObjects(kube, changes, { ...SET, signal: AbortSignal.timeout(60_000) });
  return changes;
}

describe('applier', () => {
  let kube: KubeApi;
  beforeAll(async () => {
    kube = await KubeApi.connect(kubeconfigPath);
  });

  it('creates in order, then plans nothing, and never shows Secret values', async () => {
    const objects = [cm('a', { k: 'v' }), secret, namespace];
    const first = await applyAll(kube, objects);
    expect(first.map((c) => `${c.action} ${c.ref}`)).toEqual([`create Namespace ${NS}`, `create ConfigMap ${NS}/a`, `create Secret ${NS}/creds`]);
    expect(first.find((c) => c.ref.startsWith('Secret'))!.fields).toEqual([
      { path: `Secret ${NS}/creds`, after: 'created' },
      { path: `Secret ${NS}/creds: data.password`, after: '(sensitive)', sensitive: true },
    ]);
    expect((await planObjects(kube, objects, SET)).map((c) => c.action)).toEqual(['noop', 'noop', 'noop']);

    const changed = await planObjects(kube, [namespace, cm('a', { k: 'v' }), { ...secret, stringData: { password: 'an0ther-secret-value' } }], SET);
    const update = changed.find((c) => c.action === 'update')!;
    expect(update.fields).toEqual([{ path: `Secret ${NS}/creds: data.password`, before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
    expect(JSON.stringify(changed.map(({ ref, action, fields }) => ({ ref, action, fields })))).not.toMatch(/an0ther|pa55|YW4wdGhlc|cGE1NS/);
  });

  it('prunes what it applied before and no longer renders, as a delete in the plan', async () => {
    await applyAll(kube, [namespace, cm('a', { k: 'v' }), cm('b', { k: 'v' })]);
    const changes = await planObjects(kube, [namespace, cm('a', { k: 'v' })], SET);
    expect(changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.ref}`)).toEqual([`delete ConfigMap ${NS}/b`]);
    await applyObjects(kube, changes, { ...SET, signal: AbortSignal.timeout(30_000) });
    expect(await kube.get(cm('b', {}))).toBeUndefined();
    expect(await kube.get(cm('a', {}))).toBeDefined();
  });

  it('leaves alone what the same step of another cluster applied to the same API server', async () => {
    const other = { stepId: STEP, cluster: 'applier-it-other' };
    await applyAll(kube, [namespace, cm('a', { k: 'v' })]);
    await applyObjects(kube, await planObjects(kube, [cm('other', { k: 'v' })], other), { ...other, signal: AbortSignal.timeout(30_000) });
    expect((await planObjects(kube, [namespace, cm('a', { k: 'v' })], SET)).map((c) => c.action)).toEqual(['noop', 'noop']);
    expect((await planObjects(kube, [cm('other', { k: 'v' })], other)).map((c) => c.action)).toEqual(['noop']);
  });

  it('names the object and the step for a kind the server does not serve', async () => {
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: NS } };
    const err = await planObjects(kube, [namespace, widget], SET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({
      stepId: STEP,
      message: `${STEP}: Widget ${NS}/w has kind Widget (example.com/v1), which the Kubernetes API server does not serve`,
    });
  });

  it('refuses to take fields from another manager of an object it did not create, naming the manager', async () => {
    const helm = new Actor(kubeconfigPath, 'helm');
    await helm.apply(namespace);
    await helm.apply(cm('theirs', { mode: 'helm-value' }));
    const err = await planObjects(kube, [cm('theirs', { mode: 'cto-value' })], SET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toBe(`${STEP}: ConfigMap ${NS}/theirs is also managed by "helm": applying (dry run) conflicts on .data.mode`);
    expect((await helm.get(cm('theirs', {})))!.data).toEqual({ mode: 'helm-value' });
  });

  it('skips the dry run of an object unchanged since its apply, and still finds a hand edit of it', async () => {
    const objects = [namespace, cm('kept', { k: 'v' }), cm('edited', { k: 'v' }), secret];
    await applyAll(kube, objects);
    const applied = await appliedObjects(kube, objects, SET);
    expect(Object.keys(applied)).toHaveLength(3);
    expect(JSON.stringify(applied)).not.toMatch(/pa55/);
    const dryRuns = vi.spyOn(kube, 'apply');
    const dryRunRefs = () => dryRuns.mock.calls.filter(([, opts]) => opts?.dryRun).map(([o]) => `${o.kind} ${o.metadata.name}`);
    try {
      const again = await planObjects(kube, objects, { ...SET, applied });
      expect(again.map((c) => c.action)).toEqual(['noop', 'noop', 'noop', 'noop']);
      // Only the Secret, which is never recorded.
      expect(dryRunRefs()).toEqual(['Secret creds']);

      dryRuns.mockClear();
      await new Actor(kubeconfigPath, 'kubectl-edit').mergePatch(cm('edited', {}), { data: { k: 'by-hand' } });
      const drifted = await planObjects(kube, objects, { ...SET, applied });
      expect(drifted.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.ref}`)).toEqual([`update ConfigMap ${NS}/edited`]);
      expect(dryRunRefs().sort()).toEqual(['ConfigMap edited', 'Secret creds']);

      // A changed render takes the dry run too, with the record unchanged.
      dryRuns.mockClear();
      const rendered = await planObjects(kube, [namespace, cm('kept', { k: 'new' }), cm('edited', { k: 'v' }), secret], { ...SET, applied });
      expect(rendered.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.ref}`).sort()).toEqual([`update ConfigMap ${NS}/edited`, `update ConfigMap ${NS}/kept`]);
    } finally {
      dryRuns.mockRestore();
    }
  });
});
