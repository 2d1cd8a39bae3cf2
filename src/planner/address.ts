/**
 * Step addresses, as Terraform's `addrs` package: ids are built by these constructors and read back
 * by `parseAddress`, never glued or split by hand. An id is what a person types after `--target`.
 */
export const addr = {
  region: 'region',
  talosSecrets: 'talos/secrets',
  talosBootstrap: 'talos/bootstrap',
  kubernetesApi: 'kubernetes/api',
  gitopsAppOfApps: 'gitops/app-of-apps',
  gitopsSync: 'gitops/sync',
  storageDrives: 'storage/drives',
  storageClass: 'storage/class',
  kubeconfig: 'kubeconfig',
  network: 'network',
  firewall: 'firewall',
  /** The firewall's rules for the cluster's own servers. */
  firewallPeers: 'firewall/peers',
  etcdSnapshot: 'etcd/snapshot',
  kubernetesUpgrade: 'kubernetes/upgrade',
  server: (node: string) => `server/${node}` as const,
  talosConfig: (node: string) => `talos/config/${node}` as const,
  node: (node: string) => `node/${node}` as const,
  platform: (component: string) => `platform/${component}` as const,
  storageDisk: (node: string) => `storage/disk/${node}` as const,
  storagePool: (node: string) => `storage/pool/${node}` as const,
  /** The node's server on the cluster's VLAN. */
  networkAssignment: (node: string) => `network/${node}` as const,
  talosUpgrade: (node: string) => `talos/upgrade/${node}` as const,
} as const;

type Constructors = typeof addr;
/** Any step address the constructors make. */
export type StepAddress = { [K in keyof Constructors]: Constructors[K] extends (a: string) => infer R ? R : Constructors[K] }[keyof Constructors];

/** An address taken apart: what it is about (`server`, `talos/config`, …) and the node or component in it. */
export type ParsedAddress =
  | { type: 'server' | 'talos/config' | 'talos/upgrade' | 'node' | 'storage/disk' | 'storage/pool' | 'network'; node: string }
  | { type: 'platform'; component: string }
  | { type: 'region' | 'talos/secrets' | 'talos/bootstrap' | 'kubernetes/api' | 'gitops/app-of-apps' | 'gitops/sync' | 'storage/drives' | 'storage/class' | 'kubeconfig' | 'network' | 'firewall' | 'firewall/peers' | 'etcd/snapshot' | 'kubernetes/upgrade' };

const PER_NODE = ['talos/config', 'talos/upgrade', 'storage/disk', 'storage/pool', 'server', 'node', 'network'] as const;
const SINGLE = new Set<string>([addr.region, addr.talosSecrets, addr.talosBootstrap, addr.kubernetesApi, addr.gitopsAppOfApps, addr.gitopsSync, addr.storageDrives, addr.storageClass, addr.kubeconfig, addr.network, addr.firewall, addr.firewallPeers, addr.etcdSnapshot, addr.kubernetesUpgrade]);

/** The address an id stands for, or undefined for an id no constructor makes. */
export function parseAddress(id: string): ParsedAddress | undefined {
  if (SINGLE.has(id)) return { type: id as Extract<ParsedAddress, { type: 'region' }>['type'] };
  for (const type of PER_NODE) {
    const rest = id.startsWith(`${type}/`) ? id.slice(type.length + 1) : undefined;
    if (rest && !rest.includes('/')) return { type, node: rest };
  }
  const component = id.startsWith('platform/') ? id.slice('platform/'.length) : undefined;
  return component && !component.includes('/') ? { type: 'platform', component } : undefined;
}

/** The node or platform component an address is about; undefined for a cluster-wide step. */
export function subjectOf(a: ParsedAddress | undefined): string | undefined {
  if (!a) return undefined;
  return 'node' in a ? a.node : 'component' in a ? a.component : undefined;
}
