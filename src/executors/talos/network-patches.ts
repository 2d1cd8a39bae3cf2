import { parseTalosVersion } from '../../clients/talos/version.js';
import { KUBERNETES_API_PORT, nodePrivateAddress, peerOpenings, privateNetwork, TALOS_API_PORT, TRUSTD_PORT, type PublicServer } from '../../spec/private-network.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { NodeRole, Patch } from './patches.js';

/**
 * The private network, the VIP and Talos' ingress firewall as machine-config patches. Pure.
 * Document kinds and fields follow Talos v1.13.9's machinery (`config/types/network`: `VLANConfig`,
 * `Layer2VIPConfig`, `NetworkDefaultActionConfig`, `NetworkRuleConfig`); before the v1.12 contract,
 * whose schema has no `VLANConfig`, the VLAN and its VIP are `machine.network.interfaces[].vlans[]`.
 */

/**
 * What the patches need from the live world: the VLAN's id, once `network` exists; the servers
 * whose public addresses the ingress firewall opens to (`peerServers`).
 */
export interface NetworkFacts {
  vid?: number;
  peers?: PublicServer[];
  /** The link the VLAN arrives on, as read from the node (`vlanParent`) when the spec names none. */
  parent?: string;
}

/**
 * The servers `peerOpenings` can open to, when the spec has an ingress firewall: the control
 * planes, and with a DNS endpoint every server. Empty otherwise, so the render inputs of a
 * cluster without a firewall do not change with its servers.
 */
export function peerServers(spec: Cluster, servers: PublicServer[]): PublicServer[] {
  if (!spec.spec.access?.adminCIDRs || !privateNetwork(spec)) return [];
  return spec.spec.controlPlane?.endpoint ? servers : servers.filter((s) => s.role === 'controlplane');
}

/** Ports of etcd (client and peer), the kubelet, Cilium's VXLAN, Mayastor's NVMe-oF and gRPC. */
const ETCD_PORTS = '2379-2380';
const KUBELET_PORT = 10250;
const CILIUM_VXLAN_PORT = 8472;
const MAYASTOR_PORTS = [8420, 4421, 10124];

/**
 * Every patch of the private network for one node: the VLAN link with the node's static address
 * (and, on control planes, the shared VIP), the kubelet's and etcd's subnets, and the ingress
 * firewall when the spec names admin networks. Empty without a private network; without the VLAN's
 * id (no `network` yet) or its parent link (not read from the node yet) only what does not need them.
 */
export function privateNetworkPatches(spec: Cluster, node: NodeRole, facts: NetworkFacts): Patch[] {
  const net = privateNetwork(spec);
  const address = nodePrivateAddress(spec, node.node);
  if (!net || !address) return [];
  const subnet = net.subnet.text;
  const cp = node.role === 'controlplane';
  const out: Patch[] = [{ machine: { kubelet: { nodeIP: { validSubnets: [subnet] } } } }];
  if (cp) out.push({ cluster: { etcd: { advertisedSubnets: [subnet] } } });
  const parent = net.interface ?? facts.parent;
  if (facts.vid !== undefined && parent) out.push(...vlanPatches(spec.spec.talos.version, parent, facts.vid, `${address}/${net.bits}`, cp ? net.vip : undefined));
  if (spec.spec.access?.adminCIDRs) out.push(...ingressFirewall(spec.spec.access.adminCIDRs, subnet, node, peerOpenings(spec, facts.peers ?? [])));
  return out;
}

function vlanPatches(talosVersion: string, parent: string, vid: number, address: string, vip: string | undefined): Patch[] {
  const v = parseTalosVersion(talosVersion);
  const multidoc = v !== undefined && (v.major > 1 || v.minor >= 12);
  if (!multidoc) {
    const vlan = { vlanId: vid, addresses: [address], ...(vip ? { vip: { ip: vip } } : {}) };
    return [{ machine: { network: { interfaces: [{ interface: parent, vlans: [vlan] }] } } }];
  }
  const link = `${parent}.${vid}`;
  return [
    { apiVersion: 'v1alpha1', kind: 'VLANConfig', name: link, vlanID: vid, parent, addresses: [{ address }] },
    // Talos: "Virtual IP configuration should be used only on controlplane nodes" (Layer2VIPConfig docs).
    ...(vip ? [{ apiVersion: 'v1alpha1', kind: 'Layer2VIPConfig', name: vip, link }] : []),
  ];
}

/**
 * Block by default; the Talos and Kubernetes APIs from the admin networks and the private subnet;
 * every other cluster port from the private subnet only; and what the cluster's own servers reach
 * on public addresses (`peerOpenings`: apid from the control planes, with a DNS endpoint the
 * Kubernetes API and trustd from every server), each as its `/32`. The rule set follows talosctl's own
 * (`cmd/talosctl/cmd/mgmt/cluster/internal/firewallpatch/firewallpatch.go` `ControlPlane`, `Worker`),
 * with Mayastor's ports added for storage nodes.
 */
function ingressFirewall(adminCIDRs: string[], subnet: string, node: NodeRole, peers: { from: string; port: number }[]): Patch[] {
  const from = (port: number) => [...new Set(peers.filter((p) => p.port === port).map((p) => `${p.from}/32`))];
  const admin = (port: number) => [...adminCIDRs, subnet, ...from(port)].map((s) => ({ subnet: s }));
  const cluster = (port?: number) => [subnet, ...(port ? from(port) : [])].map((s) => ({ subnet: s }));
  const rule = (name: string, protocol: 'tcp' | 'udp', ports: (number | string)[], ingress: { subnet: string }[]): Patch => ({
    apiVersion: 'v1alpha1',
    kind: 'NetworkRuleConfig',
    name,
    portSelector: { ports, protocol },
    ingress,
  });
  const cp = node.role === 'controlplane';
  return [
    { apiVersion: 'v1alpha1', kind: 'NetworkDefaultActionConfig', ingress: 'block' },
    rule('apid-ingress', 'tcp', [TALOS_API_PORT], admin(TALOS_API_PORT)),
    rule('kubelet-ingress', 'tcp', [KUBELET_PORT], cluster()),
    rule('cni-vxlan', 'udp', [CILIUM_VXLAN_PORT], cluster()),
    ...(cp
      ? [
          rule('kubernetes-api-ingress', 'tcp', [KUBERNETES_API_PORT], admin(KUBERNETES_API_PORT)),
          rule('trustd-ingress', 'tcp', [TRUSTD_PORT], cluster(TRUSTD_PORT)),
          rule('etcd-ingress', 'tcp', [ETCD_PORTS], cluster()),
        ]
      : []),
    ...(node.storage ? [rule('mayastor-ingress', 'tcp', MAYASTOR_PORTS, cluster())] : []),
  ];
}

/**
 * The cluster endpoint the nodes use: the user's DNS name, else the VIP, else cp-0 (its private
 * address when there is a private network, so node traffic stays on it).
 */
export function nodeEndpointHost(spec: Cluster, controlPlanePublic: string): string {
  return spec.spec.controlPlane?.endpoint ?? privateNetwork(spec)?.vip ?? nodePrivateAddress(spec, 'cp-0') ?? controlPlanePublic;
}

/**
 * The certificates' extra SANs: the spec's, the endpoint, and every control plane's public and
 * private address, so that any of them can serve the API when another is gone.
 */
export function certSans(spec: Cluster, controlPlanes: { node: string; ip: string }[]): string[] {
  const p = privateNetwork(spec);
  const names = [
    ...spec.spec.talos.certSANs,
    ...(spec.spec.controlPlane?.endpoint ? [spec.spec.controlPlane.endpoint] : []),
    ...(p?.vip ? [p.vip] : []),
    ...controlPlanes.flatMap((c) => [c.ip, nodePrivateAddress(spec, c.node) ?? '']),
  ];
  return [...new Set(names.filter(Boolean))];
}
