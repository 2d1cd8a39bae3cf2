import { describe, expect, it } from 'vitest';
import { syncOrder } from '../../testenv/demo/sync-order.js';

const o = (kind: string, name: string, wave?: string) => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(wave === undefined ? {} : { annotations: { 'argocd.argoproj.io/sync-wave': wave } }) },
});

describe('the order the Argo CD stand-in syncs a tree in', () => {
  it('lowest wave first, unannotated objects in wave 0, namespaces and CRDs first within a wave', () => {
    const waves = syncOrder([o('Application', 'apps'), o('Application', 'mayastor', '-10'), o('ConfigMap', 'b', '-10'), o('Namespace', 'openebs', '-10'), o('AppProject', 'platform', '-30'), o('CustomResourceDefinition', 'x', '5'), o('Application', 'later', '5')]);
    expect(waves.map((w) => [w.wave, w.objects.map((x) => `${x.kind}/${x.metadata?.name}`)])).toEqual([
      [-30, ['AppProject/platform']],
      [-10, ['Namespace/openebs', 'Application/mayastor', 'ConfigMap/b']],
      [0, ['Application/apps']],
      [5, ['CustomResourceDefinition/x', 'Application/later']],
    ]);
  });

  it('an annotation that is not a whole number counts as wave 0', () => {
    expect(syncOrder([o('ConfigMap', 'a', 'soon'), o('ConfigMap', 'c', '2.5'), o('ConfigMap', 'b', '1')]).map((w) => [w.wave, w.objects.length])).toEqual([[0, 2], [1, 1]]);
  });
});
