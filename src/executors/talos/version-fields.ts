import { parseAllDocuments } from 'yaml';

/**
 * Machine-config fields that carry a version, each owned by the step that rolls it out in order:
 * the installer image by `talos/upgrade/<node>` (Talos reads it only when it installs; the running
 * version is what the node reports), the Kubernetes images by `kubernetes/upgrade` (the fields
 * `talosctl upgrade-k8s` patches: `pkg/cluster/kubernetes/talos_managed.go`, `kubelet.go`).
 * `talos/config/<node>` neither reports nor applies them, so a version change never reaches every
 * node at once through a config apply.
 */
export const TALOS_IMAGE_PATH = 'machine.install.image';
export const KUBELET_IMAGE_PATH = 'machine.kubelet.image';
export const CONTROL_PLANE_IMAGE_PATHS = ['cluster.apiServer.image', 'cluster.controllerManager.image', 'cluster.scheduler.image', 'cluster.proxy.image'] as const;
export const KUBERNETES_IMAGE_PATHS: readonly string[] = [KUBELET_IMAGE_PATH, ...CONTROL_PLANE_IMAGE_PATHS];
export const VERSION_PATHS: ReadonlySet<string> = new Set([TALOS_IMAGE_PATH, ...KUBERNETES_IMAGE_PATHS]);

/** The tag of an image reference: `ghcr.io/siderolabs/kubelet:v1.36.3` → `v1.36.3`. */
export function imageTag(ref: string): string | undefined {
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : undefined;
}

/** A string field of the config's v1alpha1 document by dotted path. */
export function configField(config: string, path: string): string | undefined {
  const main = parseAllDocuments(config).find((d) => d.get('version') === 'v1alpha1');
  const value = main?.getIn(path.split('.'));
  return typeof value === 'string' ? value : undefined;
}

/**
 * `target` with the given v1alpha1 fields taken from `source` (a field `source` lacks is removed).
 * Comments and order of `target` are kept.
 */
export function withFieldsFrom(target: string, source: string, paths: Iterable<string>): string {
  const docs = parseAllDocuments(target);
  const main = docs.find((d) => d.get('version') === 'v1alpha1');
  if (!main) return target;
  for (const path of paths) {
    const value = configField(source, path);
    const keys = path.split('.');
    if (value === undefined) {
      if (main.hasIn(keys)) main.deleteIn(keys);
    } else {
      main.setIn(keys, value);
    }
  }
  return docs.map((d) => d.toString().replace(/^---\n/, '')).join('---\n');
}

/** The Kubernetes version a node runs, from its config: the kubelet image tag without its `v`. */
export function kubeletVersion(config: string): string | undefined {
  const tag = imageTag(configField(config, KUBELET_IMAGE_PATH) ?? '');
  return tag?.replace(/^v/, '');
}

/** The control-plane components' version (the API server image tag), on control planes. */
export function apiServerVersion(config: string): string | undefined {
  const tag = imageTag(configField(config, 'cluster.apiServer.image') ?? '');
  return tag?.replace(/^v/, '');
}
