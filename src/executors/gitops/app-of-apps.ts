import { rootApplication } from '../../gitops-tree/root-application.js';
import { ARGOCD_NAMESPACE } from '../../gitops-tree/argocd.js';
import { objectsKind } from '../platform/objects-kind.js';

/** `gitops/app-of-apps`: the root Application, automated sync with prune and self-heal. */
export const appOfAppsKind = objectsKind<Record<string, never>>({
  kind: 'gitops.app-of-apps',
  defaultNamespace: ARGOCD_NAMESPACE,
  render: async (_step, ctx) => [rootApplication(ctx.spec)],
});
