import type { KubeObject } from '../clients/kube/object.js';
import type { Cluster } from '../spec/types.gen.js';
import { APPLICATION_API_VERSION, ARGOCD_NAMESPACE, IN_CLUSTER_SERVER, PLATFORM_PROJECT } from './argocd.js';
import type { GitopsSpec } from './gitops-spec.js';
import { OPENEBS_CHART_REPO, OPENEBS_NAMESPACE } from './openebs-chart.js';
import { SYNC_WAVE_ANNOTATION, WAVES } from './sync-waves.js';

/**
 * Cluster-scoped kinds the OpenEBS chart installs: its CRDs (DiskPools, volume
 * snapshots), RBAC for its agents and CSI driver, the `openebs-*` storage and
 * snapshot classes, the CSIDriver object, the io-engine's PriorityClass, and the
 * namespace it creates.
 */
export const PLATFORM_CLUSTER_KINDS: readonly { group: string; kind: string }[] = [
  { group: '', kind: 'Namespace' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'scheduling.k8s.io', kind: 'PriorityClass' },
  { group: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshotClass' },
  { group: 'storage.k8s.io', kind: 'CSIDriver' },
  { group: 'storage.k8s.io', kind: 'StorageClass' },
];

/**
 * The `platform` project: only the repositories and destinations platform
 * applications need. The `argocd` destination lets a platform application manage
 * Argo CD's own configuration; that is admin power, which is why this project is
 * separate from the ones workload teams get.
 */
export function platformProject(spec: Cluster, gitops: GitopsSpec): KubeObject {
  const mayastor = spec.spec.storage?.mayastor !== undefined;
  const destinations = [
    ...(mayastor ? [{ server: IN_CLUSTER_SERVER, namespace: OPENEBS_NAMESPACE }] : []),
    { server: IN_CLUSTER_SERVER, namespace: ARGOCD_NAMESPACE },
  ];
  return {
    apiVersion: APPLICATION_API_VERSION,
    kind: 'AppProject',
    metadata: {
      name: PLATFORM_PROJECT,
      namespace: ARGOCD_NAMESPACE,
      annotations: { [SYNC_WAVE_ANNOTATION]: String(WAVES.project) },
    },
    spec: {
      description: 'Platform components installed by the GitOps starter tree (storage first).',
      sourceRepos: [gitops.repoURL, ...(mayastor ? [OPENEBS_CHART_REPO] : [])],
      destinations,
      clusterResourceWhitelist: PLATFORM_CLUSTER_KINDS.map((k) => ({ ...k })),
    },
  };
}
