import { parseCidr, type Cidr } from './cidr.js';
import type { NodeRole } from './hostname.js';
import type { Cluster } from './types.gen.js';

/**
 * The nodes' static addresses on the private network. Latitude gives a VLAN no DHCP and no
 * IPAM, so cto numbers the nodes itself: control planes from the subnet's first host address
 * up, workers from its last host address down. Scaling one group never renumbers the other,
 * and a node keeps its address for as long as it exists.
 */

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

export const formatIpv4 = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/** Host addresses of the subnet: all but the network and broadcast addresses. */
export const hostCount = (subnet: Cidr): number => Math.max(0, subnet.end - subnet.start - 1);

/** The `index`th node of `role`, or undefined when the subnet has no room for it. */
export function privateAddress(subnet: Cidr, role: NodeRole, index: number): string | undefined {
  if (index >= hostCount(subnet)) return undefined;
  return formatIpv4(role === 'controlplane' ? subnet.start + 1 + index : subnet.end - 1 - index);
}

export interface PrivateNetwork {
  subnet: Cidr;
  /** Prefix length, for the addresses Talos configures (`10.8.0.1/24`). */
  bits: number;
  vip?: string;
  /** The link the VLAN arrives on when the spec names it; else each node's is read from it (`vlanParent`). */
  interface?: string;
}

/** The spec's private network, parsed; undefined when the spec has none (validation refused a bad one). */
export function privateNetwork(cluster: Cluster): PrivateNetwork | undefined {
  const p = cluster.spec.network.private;
  const subnet = p ? parseCidr(p.subnet) : undefined;
  if (!p || !subnet) return undefined;
  return { subnet, bits: Number(p.subnet.split('/')[1]), ...(p.interface ? { interface: p.interface } : {}), ...(p.vip ? { vip: p.vip } : {}) };
}

/** A node's private address (`cp-1`, `worker-0`), when the spec has a private network. */
export function nodePrivateAddress(cluster: Cluster, node: string): string | undefined {
  const net = privateNetwork(cluster);
  const m = /^(cp|worker)-(\d+)$/.exec(node);
  if (!net || !m) return undefined;
  return privateAddress(net.subnet, m[1] === 'cp' ? 'controlplane' : 'worker', Number(m[2]));
}

/** A rule of Latitude's firewall, in the API's words (SDK `CreateFirewallRules`). */
export interface AdminRule {
  from: string;
  to: string;
  protocol: 'TCP' | 'UDP';
  port: string;
  description: string;
}

/** Ports of the Talos API (apid), of trustd and of the Kubernetes API server. */
export const TALOS_API_PORT = 50000;
export const TRUSTD_PORT = 50001;
export const KUBERNETES_API_PORT = 6443;

/** Latitude's firewall in front of every server: each admin network to the Talos and Kubernetes APIs, nothing else. */
export function adminRules(cluster: Cluster): AdminRule[] {
  return (cluster.spec.access?.adminCIDRs ?? []).flatMap((cidr) => [
    { from: cidr, to: 'ANY', protocol: 'TCP' as const, port: String(TALOS_API_PORT), description: 'Talos API from an admin network' },
    { from: cidr, to: 'ANY', protocol: 'TCP' as const, port: String(KUBERNETES_API_PORT), description: 'Kubernetes API from an admin network' },
  ]);
}

/** A server of the cluster and its public address. */
export interface PublicServer {
  node: string;
  role: NodeRole;
  ip: string;
}

/**
 * What the cluster's own servers reach on each other's public addresses, as `{ from, port }`:
 * - the Talos API from every control plane: cto reads many nodes in one talosctl call routed by a
 *   control plane's apid (`-n ip1,ip2 -e cp`), which dials each node's public address on 50000
 *   (Talos `internal/app/apid/pkg/backend/apid.go` `GetConnection`, `constants.ApidPort`);
 * - with a DNS endpoint (`spec.controlPlane.endpoint`, A records of the control planes' public
 *   addresses), the Kubernetes API and trustd from every server: kubelets and KubePrism dial the
 *   endpoint, and workers ask trustd for their certificates at the addresses the endpoint resolves to
 *   (`machined/pkg/controllers/k8s/static_endpoint.go` resolves it into the control-plane endpoints
 *   that `controllers/secrets/api.go` `generateWorker` dials on `constants.TrustdPort`).
 * With the VIP or cp-0's private address as endpoint those two stay on the VLAN: no public opening.
 */
export function peerOpenings(cluster: Cluster, servers: PublicServer[]): { from: string; node: string; port: number }[] {
  const controlPlanes = servers.filter((s) => s.role === 'controlplane');
  const dns = cluster.spec.controlPlane?.endpoint !== undefined;
  return [
    ...controlPlanes.map((s) => ({ from: s.ip, node: s.node, port: TALOS_API_PORT })),
    ...(dns ? servers.flatMap((s) => [KUBERNETES_API_PORT, TRUSTD_PORT].map((port) => ({ from: s.ip, node: s.node, port }))) : []),
  ];
}

/** Rules cto keeps for the cluster's own servers start with this (the rest are the admin networks'). */
export const PEER_RULE_PREFIX = 'cluster server ';

const PORT_NAMES: Record<number, string> = { [TALOS_API_PORT]: 'Talos API', [TRUSTD_PORT]: 'trustd', [KUBERNETES_API_PORT]: 'Kubernetes API' };

/** Latitude's firewall rules for the cluster's own servers (see peerOpenings). */
export function peerRules(cluster: Cluster, servers: PublicServer[]): AdminRule[] {
  return peerOpenings(cluster, servers).map((o) => ({
    from: o.from,
    to: 'ANY',
    protocol: 'TCP' as const,
    port: String(o.port),
    description: `${PEER_RULE_PREFIX}${o.node}: ${PORT_NAMES[o.port]}`,
  }));
}

/** What cto names the cluster's firewall, and how it tells its VLAN among the site's (the description's start). */
export const clusterNetworkName = (cluster: string): string => `cto-cluster-${cluster}`;
