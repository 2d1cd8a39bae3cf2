import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { diskPoolVersionFor } from '../../src/executors/preview/manifests.js';
import { placeOffline } from '../../src/executors/preview/placement.js';
import type { Cluster } from '../../src/spec/types.gen.js';

const obj = (kind: string, namespace?: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: kind.toLowerCase(), ...(namespace ? { namespace } : {}) }, ...extra });

describe('placeOffline', () => {
  it('puts namespaced objects that name none into the default namespace, and takes it off cluster-scoped ones', () => {
    const placed = placeOffline([obj('ConfigMap'), obj('Service', 'other'), obj('ClusterRole', 'kube-system'), obj('Namespace')], 'kube-system');
    expect(placed.map((o) => o.metadata.namespace)).toEqual(['kube-system', 'other', undefined, undefined]);
  });

  it('follows the scope of a CRD in the same set', () => {
    const crd = obj('CustomResourceDefinition', undefined, { spec: { scope: 'Cluster', names: { kind: 'Widget' } } });
    const nsCrd = obj('CustomResourceDefinition', undefined, { spec: { scope: 'Namespaced', names: { kind: 'Gadget' } } });
    const placed = placeOffline([crd, nsCrd, obj('Widget', 'x'), obj('Gadget')], 'ns');
    expect(placed.map((o) => o.metadata.namespace)).toEqual([undefined, undefined, undefined, 'ns']);
  });
});

describe('diskPoolVersionFor', () => {
  const spec = (chartVersion: string) => ({ spec: { storage: { mayastor: { chartVersion } } } }) as unknown as Cluster;
  it('is v1beta3 from OpenEBS 4.3 on, v1beta2 before', () => {
    expect(diskPoolVersionFor(spec('4.5.1'))).toBe('openebs.io/v1beta3');
    expect(diskPoolVersionFor(spec('4.3.0'))).toBe('openebs.io/v1beta3');
    expect(diskPoolVersionFor(spec('5.0.0'))).toBe('openebs.io/v1beta3');
    expect(diskPoolVersionFor(spec('4.2.9'))).toBe('openebs.io/v1beta2');
  });
});
