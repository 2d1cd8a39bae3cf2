import type { KubeObject } from '../clients/kube/object.js';
import { PRIVILEGED_NAMESPACE_LABELS } from './argocd.js';
import { OPENEBS_NAMESPACE } from './openebs-chart.js';
import { SYNC_WAVE_ANNOTATION, WAVES } from './sync-waves.js';

/**
 * The `openebs` namespace, privileged: io-engine runs privileged with host
 * networking and host paths, which Talos' default `baseline` policy refuses.
 * The Mayastor application also sets these labels through
 * `managedNamespaceMetadata`; declaring the namespace here keeps the labels in
 * place even when that application is paused or removed.
 */
export function mayastorNamespace(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: OPENEBS_NAMESPACE,
      annotations: { [SYNC_WAVE_ANNOTATION]: String(WAVES.namespace) },
      labels: { ...PRIVILEGED_NAMESPACE_LABELS },
    },
  };
}
