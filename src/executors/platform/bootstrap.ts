import { CtoError } from '../../diagnostics/error.js';
import type { KubeObject } from '../../clients/kube/object.js';
import { ARGOCD_NAMESPACE, PRIVILEGED_NAMESPACE_LABELS } from '../../gitops-tree/argocd.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { SecretSet } from '../../spec/secrets.js';
import { objectsKind } from './objects-kind.js';

/** Namespaces whose pods need host access (local-path helper pods, Mayastor io-engine and csi-node). */
export const PRIVILEGED_NAMESPACES = ['local-path-storage', 'openebs'] as const;
export const REPOSITORY_SECRET = 'cto-gitops-repository';

/**
 * The namespaces every later step installs into, with their Pod Security
 * labels, and Argo CD's credentials for a private GitOps repository.
 */
export function bootstrapObjects(cluster: Cluster, secrets: SecretSet): KubeObject[] {
  const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(Object.keys(labels).length ? { labels } : {}) },
  });
  const objects = [namespace(ARGOCD_NAMESPACE), ...PRIVILEGED_NAMESPACES.map((n) => namespace(n, { ...PRIVILEGED_NAMESPACE_LABELS }))];
  const gitops = cluster.spec.gitops;
  if (gitops?.credentials) {
    const { username, password } = gitops.credentials;
    if (!username || !password) {
      throw new CtoError({
        severity: 'error',
        stepId: 'platform/bootstrap',
        path: 'spec.gitops.credentials',
        message: 'spec.gitops.credentials needs both username and password',
        hint: 'write them as ${env:GIT_USERNAME} and ${env:GIT_TOKEN} and set those variables',
      });
    }
    secrets.add(username);
    secrets.add(password);
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: REPOSITORY_SECRET, namespace: ARGOCD_NAMESPACE, labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      type: 'Opaque',
      stringData: { type: 'git', url: gitops.repoURL, username, password },
    });
  }
  return objects;
}

export const bootstrapKind = objectsKind<Record<string, never>>({
  kind: 'platform.bootstrap',
  render: async (_step, ctx) => bootstrapObjects(ctx.spec, ctx.secrets),
});
