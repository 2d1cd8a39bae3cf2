// Pure parts of the applier: apply order, drift comparison, rollout, conflicts.
import { describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src/clients/kube/api.js';
import { objectFieldDiffs } from '../../src/clients/kube/diff.js';
import { conflictManagers, isTransientKubeError, objectError } from '../../src/clients/kube/errors.js';
import { parseManifests, type KubeObject } from '../../src/clients/kube/object.js';
import { applyOrder } from '../../src/clients/kube/order.js';
import { rolloutStatus } from '../../src/clients/kube/rollout.js';
import { CtoError } from '../../src/diagnostics/error.js';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name }, ...extra });

describe('applyOrder', () => {
  it('puts CRDs, then namespaces, then identities before workloads and webhooks last, stable otherwise', () => {
    const input = [
      obj('ValidatingWebhookConfiguration', 'hook'),
      obj('Deployment', 'd1'),
      obj('ServiceAccount', 'sa'),
      obj('Namespace', 'ns'),
      obj('Deployment', 'd2'),
      obj('CustomResourceDefinition', 'crd'),
      obj('Application', 'app'),
    ];
    expect(applyOrder(input).map((o) => o.metadata.name)).toEqual(['crd', 'ns', 'sa', 'd1', 'd2', 'app', 'hook']);
  });
});

describe('parseManifests', () => {
  it('reads multi-document YAML, skips empty documents and flattens Lists', () => {
    const text = '---\n# nothing\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n';
    expect(parseManifests(text, 'x.yaml').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
  });

  it('refuses a document that is not an object with a name', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\n', 'bad.yaml')).toThrow(/bad.yaml: a document is not a Kubernetes object/);
  });
});

describe('objectFieldDiffs', () => {
  const live: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'cilium',
      namespace: 'kube-system',
      uid: 'u1',
      resourceVersion: '10',
      generation: 2,
      creationTimestamp: '2026-01-01T00:00:00Z',
      managedFields: [{ manager: 'cto' }],
      annotations: { 'deprecated.daemonset.template.generation': '2' },
    },
    spec: { template: { spec: { containers: [{ name: 'agent', image: 'a:1' }, { name: 'clean', image: 'c:1' }] } } },
    status: { numberReady: 3 },
  };

  it('sees nothing when only server bookkeeping and status differ', () => {
    const next = structuredClone(live);
    next.metadata.resourceVersion = '11';
    next.metadata.generation = 3;
    next.metadata.managedFields = [{ manager: 'cto', time: 'later' }];
    next.metadata.annotations = { 'deprecated.daemonset.template.generation': '3' };
    next.status = { numberReady: 1 };
    expect(objectFieldDiffs(live, next)).toEqual([]);
  });

  it('names a changed container by its name, not its index', () => {
    const next = structuredClone(live);
    (next.spec as any).template.spec.containers = [{ name: 'new', image: 'n:1' }, ...(next.spec as any).template.spec.containers];
    (next.spec as any).template.spec.containers[1].image = 'a:2';
    expect(objectFieldDiffs(live, next)).toEqual([
      { path: 'spec.template.spec.containers[agent].image', before: 'a:1', after: 'a:2' },
      { path: 'spec.template.spec.containers[new].image', before: undefined, after: 'n:1' },
      { path: 'spec.template.spec.containers[new].name', before: undefined, after: 'new' },
    ]);
  });

  it('never carries Secret values', () => {
    const a: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from('hunter2-old').toString('base64') } };
    const b: KubeObject = { ...a, data: { password: Buffer.from('hunter2-new').toString('base64'), token: 'dG9r' } };
    const diffs = objectFieldDiffs(a, b);
    expect(diffs).toEqual([
      { path: 'data.password', before: '(sensitive)', after: '(sensitive)', sensitive: true },
      { path: 'data.token', before: undefined, after: '(sensitive)', sensitive: true },
    ]);
    expect(JSON.stringify(diffs)).not.toMatch(/aHVudGVy|hunter2|dG9r/);
  });
});

describe('rolloutStatus', () => {
  const deployment = (status: Record<string, number>, generation = 2, replicas = 3): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', generation },
    spec: { replicas },
    status,
  });

  it('waits until the controller observed the latest generation', () => {
    expect(rolloutStatus(deployment({ observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3, replicas: 3 }))).toMatchObject({ done: false });
  });

  it('waits for old replicas to go and new ones to be available', () => {
    expect(rolloutStatus(deployment({ observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3, replicas: 4 }))).toEqual({
      done: false,
      message: '3/3 updated, 3/3 available, 1 old',
    });
    expect(rolloutStatus(deployment({ observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3, replicas: 3 })).done).toBe(true);
  });

  it('judges DaemonSets by scheduled nodes and StatefulSets by ready replicas', () => {
    const ds: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1 } };
    expect(rolloutStatus(ds)).toEqual({ done: false, message: '2/2 nodes updated, 1/2 available' });
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'y', generation: 1 }, spec: { replicas: 1 }, status: { observedGeneration: 1, readyReplicas: 1, updatedReplicas: 1, currentRevision: 'r1', updateRevision: 'r1' } };
    expect(rolloutStatus(sts).done).toBe(true);
  });
});

describe('conflicts', () => {
  const conflict = new KubeApiError(409, {
    reason: 'Conflict',
    message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas' }] },
  });

  it('names the other field manager', () => {
    expect(conflictManagers(conflict)).toEqual(['kubectl-edit']);
  });

  it('becomes a diagnostic naming step, object, manager and field', () => {
    const err = objectError(conflict, 'platform/cilium', 'Deployment kube-system/cilium-operator', 'applying') as CtoError;
    expect(err).toBeInstanceOf(CtoError);
    expect(err.diagnostics[0]).toMatchObject({
      stepId: 'platform/cilium',
      message: 'platform/cilium: Deployment kube-system/cilium-operator is also managed by "kubectl-edit": applying conflicts on .spec.replicas',
    });
  });
});

describe('isTransientKubeError', () => {
  it('retries 5xx, 429 and broken connections, also behind a diagnostic, but not 4xx or conflicts', () => {
    expect(isTransientKubeError(new KubeApiError(503, undefined))).toBe(true);
    expect(isTransientKubeError(new KubeApiError(429, undefined))).toBe(true);
    expect(isTransientKubeError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientKubeError(objectError(new KubeApiError(500, { message: 'etcdserver: leader changed' }), 's', 'ConfigMap a/b', 'applying'))).toBe(true);
    expect(isTransientKubeError(objectError(new KubeApiError(422, { message: 'invalid' }), 's', 'ConfigMap a/b', 'applying'))).toBe(false);
    expect(isTransientKubeError(new CtoError({ severity: 'error', message: 'sync Failed' }))).toBe(false);
  });
});
