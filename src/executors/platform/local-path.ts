import type { KubeObject } from '../../clients/kube/object.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { StepContext } from '../step-kind.js';
import { objectsKind } from './objects-kind.js';
import { loadManifest, localPathManifestUrl, withoutNamespaces } from './sources.js';

/** `/opt` is read-only on Talos; `/var/local` is mounted into every node's kubelet (talos/patches.ts `localPathMount`). */
export const LOCAL_PATH_DIR = '/var/local/local-path-provisioner';
const CONFIG_MAP = 'local-path-config';

/** The release manifest with volumes placed under `/var/local` on every node. */
export function localPathObjects(objects: KubeObject[]): KubeObject[] {
  return withoutNamespaces(objects).map((o) => (o.kind === 'ConfigMap' && o.metadata.name === CONFIG_MAP ? withNodePath(o) : o));
}

function withNodePath(cm: KubeObject): KubeObject {
  const data = (cm.data ?? {}) as Record<string, string>;
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(data['config.json'] ?? '{}') as Record<string, unknown>;
  } catch {
    // An unparsable upstream config is replaced whole: the node path map is all it needs.
  }
  config.nodePathMap = [{ node: 'DEFAULT_PATH_FOR_NON_LISTED_NODES', paths: [LOCAL_PATH_DIR] }];
  return { ...cm, data: { ...data, 'config.json': JSON.stringify(config, null, 2) } };
}

export function localPathSource(cluster: Cluster): string {
  const lpp = cluster.spec.platform.localPathProvisioner;
  return lpp.manifest ?? localPathManifestUrl(lpp.version);
}

/** What `platform/local-path` applies: the spec's manifest source with the node path. */
export async function loadLocalPathObjects(stepId: string, ctx: StepContext): Promise<KubeObject[]> {
  return localPathObjects(await loadManifest(localPathSource(ctx.spec), stepId, ctx));
}

export const localPathKind = objectsKind<Record<string, never>>({
  kind: 'platform.local-path',
  defaultNamespace: 'local-path-storage',
  render: (step, ctx) => loadLocalPathObjects(step.id, ctx),
  limits: { timeoutMs: 10 * 60_000 },
});
