import type { KubeObject } from '../../clients/kube/object.js';
import { APPLICATION_HEALTH_KEY, applicationHealthLua } from '../../gitops-tree/argocd-health.js';
import { ARGOCD_NAMESPACE } from '../../gitops-tree/argocd.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { StepContext } from '../step-kind.js';
import { objectsKind } from './objects-kind.js';
import { argocdManifestUrl, loadManifest, withoutNamespaces } from './sources.js';

const ARGOCD_CM = 'argocd-cm';

/**
 * Argo CD's install manifest, plus the Application health check in
 * `argocd-cm` so the app-of-apps' sync waves wait for each child to be healthy.
 */
export function argocdObjects(objects: KubeObject[]): KubeObject[] {
  const out = withoutNamespaces(objects);
  const index = out.findIndex((o) => o.kind === 'ConfigMap' && o.metadata.name === ARGOCD_CM);
  const cm: KubeObject =
    index >= 0 ? out[index]! : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ARGOCD_CM, namespace: ARGOCD_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'argocd' } } };
  const withHealth = { ...cm, data: { ...((cm.data as Record<string, string>) ?? {}), [APPLICATION_HEALTH_KEY]: applicationHealthLua } };
  if (index >= 0) out[index] = withHealth;
  else out.push(withHealth);
  return out;
}

export function argocdSource(cluster: Cluster): string {
  const argocd = cluster.spec.platform.argocd;
  return argocd.manifest ?? argocdManifestUrl(argocd.version);
}

/** What `platform/argocd` applies: the spec's manifest source with the health check. */
export async function loadArgocdObjects(stepId: string, ctx: StepContext): Promise<KubeObject[]> {
  return argocdObjects(await loadManifest(argocdSource(ctx.spec), stepId, ctx));
}

export const argocdKind = objectsKind<Record<string, never>>({
  kind: 'platform.argocd',
  defaultNamespace: ARGOCD_NAMESPACE,
  render: (step, ctx) => loadArgocdObjects(step.id, ctx),
  limits: { timeoutMs: 15 * 60_000 },
});
