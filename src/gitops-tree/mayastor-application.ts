import type { KubeObject } from '../clients/kube/object.js';
import type { Cluster } from '../spec/types.gen.js';
import {
  APPLICATION_API_VERSION,
  ARGOCD_NAMESPACE,
  IN_CLUSTER_SERVER,
  PLATFORM_PROJECT,
  PRIVILEGED_NAMESPACE_LABELS,
  RESOURCES_FINALIZER,
  SYNC_RETRY,
} from './argocd.js';
import { OPENEBS_CHART, OPENEBS_CHART_REPO, OPENEBS_NAMESPACE, OPENEBS_RELEASE } from './openebs-chart.js';
import { SYNC_WAVE_ANNOTATION, WAVES } from './sync-waves.js';

export type MayastorSpec = NonNullable<NonNullable<Cluster['spec']['storage']>['mayastor']>;

export const MAYASTOR_APPLICATION = 'mayastor';

/**
 * Mayastor's etcd is a StatefulSet with required pod anti-affinity, one member per
 * worker: more members than workers never schedule, and an even count buys no
 * extra fault tolerance. So: at most 3, at most the worker count, and odd.
 */
export function etcdReplicaCount(workers: number): number {
  const n = Math.max(1, Math.min(3, workers));
  return n % 2 === 1 ? n : n - 1;
}

/** Helm values for OpenEBS on Talos (talos-stack.md §6). */
export function mayastorValues(spec: Cluster): Record<string, unknown> {
  return {
    mayastor: {
      csi: {
        node: {
          // The probe runs `lsmod | grep nvme_tcp`; Talos builds nvme-tcp into the kernel, so it never matches.
          initContainers: { enabled: false },
        },
      },
      etcd: { replicaCount: etcdReplicaCount(spec.spec.nodes.workers.count) },
    },
    engines: {
      local: { lvm: { enabled: false }, zfs: { enabled: false } },
      replicated: { mayastor: { enabled: true } },
    },
  };
}

export function mayastorApplication(spec: Cluster, mayastor: MayastorSpec): KubeObject {
  return {
    apiVersion: APPLICATION_API_VERSION,
    kind: 'Application',
    metadata: {
      name: MAYASTOR_APPLICATION,
      namespace: ARGOCD_NAMESPACE,
      finalizers: [RESOURCES_FINALIZER],
      annotations: { [SYNC_WAVE_ANNOTATION]: String(WAVES.storage) },
    },
    spec: {
      project: PLATFORM_PROJECT,
      source: {
        repoURL: OPENEBS_CHART_REPO,
        chart: OPENEBS_CHART,
        targetRevision: mayastor.chartVersion,
        helm: { releaseName: OPENEBS_RELEASE, valuesObject: mayastorValues(spec) },
      },
      destination: { server: IN_CLUSTER_SERVER, namespace: OPENEBS_NAMESPACE },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // Server-side apply: the chart's CRDs are too large for the last-applied annotation.
        syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
        managedNamespaceMetadata: { labels: { ...PRIVILEGED_NAMESPACE_LABELS } },
        retry: structuredClone(SYNC_RETRY),
      },
    },
  };
}
