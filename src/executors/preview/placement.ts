import type { KubeObject } from '../../clients/kube/object.js';

/**
 * Built-in kinds that live outside namespaces (`kubectl api-resources
 * --namespaced=false` on Kubernetes 1.36, less the read-only ones). Apply asks
 * the API server's discovery; offline, this list stands in for it.
 */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
]);

/**
 * Where apply puts an object that names no namespace: namespaced kinds go to
 * the step's default namespace, cluster-scoped ones stay without. A kind that a
 * CRD of the same set defines as `Cluster`-scoped counts as cluster-scoped.
 */
export function placeOffline(objects: KubeObject[], defaultNamespace = 'default'): KubeObject[] {
  const clusterScoped = new Set(CLUSTER_SCOPED);
  for (const o of objects) {
    const spec = o.spec as { scope?: string; names?: { kind?: string } } | undefined;
    if (o.kind === 'CustomResourceDefinition' && spec?.scope === 'Cluster' && spec.names?.kind) clusterScoped.add(spec.names.kind);
  }
  return objects.map((o) => {
    if (clusterScoped.has(o.kind)) {
      if (o.metadata.namespace === undefined) return o;
      const { namespace: _ns, ...metadata } = o.metadata;
      return { ...o, metadata };
    }
    return o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: defaultNamespace } };
  });
}
