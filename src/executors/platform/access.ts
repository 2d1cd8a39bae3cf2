import type { Cluster } from '../../spec/types.gen.js';

/**
 * How to reach the cluster once apply is done, printed at the end of apply.
 * Commands only: no secret value ever appears here, the Argo CD password is
 * read by the user's own kubectl.
 */
export function renderAccessHints(cluster: Cluster): string[] {
  const context = cluster.spec.kubeconfig.context ?? cluster.metadata.name;
  const file = cluster.spec.kubeconfig.path ?? '$KUBECONFIG or ~/.kube/config';
  const lines = [
    `kubeconfig context "${context}" (merged into ${file})`,
    `  kubectl --context ${context} get nodes`,
    `  k9s --context ${context}`,
    `  Lens: add the kubeconfig file and pick the context "${context}"`,
  ];
  return [
    ...lines,
    'Argo CD (user admin):',
    `  kubectl --context ${context} -n argocd port-forward svc/argocd-server 8080:443   # then open https://localhost:8080`,
    `  kubectl --context ${context} -n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d`,
  ];
}
