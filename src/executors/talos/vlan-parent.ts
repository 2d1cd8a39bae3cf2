import type { TalosResource } from '../../clients/talos/resources.js';
import { CtoError } from '../../diagnostics/error.js';
import { privateNetwork } from '../../spec/private-network.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import type { StepContext } from '../step-kind.js';
import { sharedResources } from './node-reads.js';
import { talosctlFor } from './talosctl-for.js';

/**
 * Which link of a node the cluster's VLAN arrives on, when the spec does not name it
 * (`spec.network.private.interface`): Latitude delivers the VLAN tagged on the server's other NIC,
 * so it is the node's one physical link that does not carry its public address. Read from the
 * node's `LinkStatus` and `AddressStatus` resources (`talosctl get links` / `get addresses`, in
 * maintenance mode too), as Talos defines them at v1.13.9:
 * `pkg/machinery/resources/network/link_status.go` (`LinkStatusSpec.Physical`: type `ether`, no
 * `kind`) and `address_status.go` (`address`, `linkName`).
 */

interface LinkSpec {
  type?: string;
  kind?: string;
}

interface AddressSpec {
  address?: string;
  linkName?: string;
}

const idOf = (r: TalosResource) => r.metadata.id ?? '';

/** Pure: the VLAN's parent link, or why it cannot be decided (naming the node and the links seen). */
export function choosePrivateLink(node: string, publicIp: string, links: TalosResource[], addresses: TalosResource[]): { link: string } | { problem: string } {
  const physical = links.filter((l) => {
    const s = l.spec as LinkSpec;
    return s.type === 'ether' && !s.kind;
  });
  const publicLinks = new Set(addresses.filter((a) => (a.spec as AddressSpec).address?.split('/')[0] === publicIp).map((a) => (a.spec as AddressSpec).linkName));
  const candidates = physical.filter((l) => !publicLinks.has(idOf(l)));
  if (candidates.length === 1) return { link: idOf(candidates[0]!) };
  const seen = links.map((l) => `${idOf(l)} (${(l.spec as LinkSpec).kind || (l.spec as LinkSpec).type || '?'}${publicLinks.has(idOf(l)) ? `, ${publicIp}` : ''})`).join(', ') || 'none';
  const why = publicLinks.size === 0 ? `no link carries its public address ${publicIp}` : candidates.length === 0 ? 'no physical link is left besides the public one' : `${candidates.length} physical links besides the public one`;
  return { problem: `${node}: cannot tell which link the private VLAN arrives on (${why}); links seen: ${seen}` };
}

/**
 * The VLAN's parent link of the node at `ip`: the spec's `interface`, else read from the node (a
 * configured node through the shared read with our certificates, one in maintenance mode on its
 * own, insecure), once per run. Undefined without a private network.
 */
export async function vlanParent(ctx: StepContext, stepId: string, node: string, ip: string): Promise<string | undefined> {
  const net = privateNetwork(ctx.spec);
  if (!net) return undefined;
  if (net.interface) return net.interface;
  return ctx.cache.once(`talos:vlan-parent:${node}:${ip}`, async () => {
    const [links, addresses] = await Promise.all(['links', 'addresses'].map((type) => nodeNetworkResources(ctx, ip, type)));
    const chosen = choosePrivateLink(node, ip, links!, addresses!);
    if ('link' in chosen) return chosen.link;
    throw new CtoError({ severity: 'error', stepId, message: chosen.problem, hint: 'set spec.network.private.interface to the link the VLAN arrives on' });
  });
}

async function nodeNetworkResources(ctx: StepContext, ip: string, type: string): Promise<TalosResource[]> {
  const configured = await ctx.state.exists(TALOSCONFIG_FILE);
  const shared = configured ? await sharedResources(ctx, ip, type) : undefined;
  if (shared) return shared;
  const talosctl = await talosctlFor(ctx);
  // Not in the shared read: in maintenance mode, or a configured node that did not answer there.
  return talosctl.resources(ip, type, { insecure: true }).catch((err: unknown) => (configured ? talosctl.resources(ip, type, { insecure: false }) : Promise.reject(err)));
}
