import type { KubeObject } from '../../clients/kube/object.js';
import { APPLICATION_HEALTH_KEY, applicationHealthLua } from '../../gitops-tree/argocd-health.js';
import { ARGOCD_NAMESPACE } from '../../gitops-tree/argocd.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { StepContext } from '../step-kind.js';
import { objectsKind } from './objects-kind.js';
import { argocdManifestUrl, loadManifest, withoutNamespaces } from './sources.js';

/**
 * Argo CD's install manifest, plus the Application health check in `argocd-cm` so the
 * app-of-apps' sync waves wait for each child to be healthy, and, in `argocd-cmd-params-cm`,
 * resource health kept in each Application's status (off by default since Argo CD 3.0), so that
 * `gitops/sync` can name what is not healthy.
 */
export function argocdObjects(objects: KubeObject[]): KubeObject[] {
  const out = withoutNamespaces(objects);
  withData(out, 'argocd-cm', { [APPLICATION_HEALTH_KEY]: applicationHealthLua });
  withData(out, 'argocd-cmd-params-cm', { 'controller.resource.health.persist': 'true' });
  return out;
}

/** Adds `data` to ConfigMap `name` among `objects`, or adds the ConfigMap. */
function withData(objects: KubeObject[], name: string, data: Record<string, string>): void {
  const index = objects.findIndex((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
  const cm: KubeObject =
    index >= 0 ? objects[index]! : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'argocd' } } };
  const merged = { ...cm, data: { ...((cm.data as Record<string, string>) ?? {}), ...data } };
  if (index >= 0) objects[index] = merged;
  else objects.push(merged);
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
