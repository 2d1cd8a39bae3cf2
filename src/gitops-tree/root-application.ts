import type { KubeObject } from '../clients/kube/object.js';
import type { Cluster } from '../spec/types.gen.js';
import { APPLICATION_API_VERSION, ARGOCD_NAMESPACE, IN_CLUSTER_SERVER, RESOURCES_FINALIZER, SYNC_RETRY } from './argocd.js';
import { gitopsOf, treeRoot } from './gitops-spec.js';

export const ROOT_APPLICATION = 'app-of-apps';

/**
 * The root Application `cto` applies (step `gitops/app-of-apps`): it syncs every
 * manifest under `spec.gitops.path`, recursively, so `projects/`,
 * `cluster-config/` and each `applications/<group>/` folder are all part of it.
 * It lives in the `default` project because it creates the `platform` project
 * itself.
 */
export function rootApplication(spec: Cluster): KubeObject {
  const gitops = gitopsOf(spec);
  return {
    apiVersion: APPLICATION_API_VERSION,
    kind: 'Application',
    metadata: { name: ROOT_APPLICATION, namespace: ARGOCD_NAMESPACE, finalizers: [RESOURCES_FINALIZER] },
    spec: {
      project: 'default',
      source: {
        repoURL: gitops.repoURL,
        targetRevision: gitops.revision,
        path: treeRoot(gitops),
        directory: { recurse: true },
      },
      destination: { server: IN_CLUSTER_SERVER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: structuredClone(SYNC_RETRY),
      },
    },
  };
}
