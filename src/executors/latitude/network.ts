import { latitudeClient } from './client.js';
import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import type { VirtualNetwork } from '../../clients/latitude/network-wire.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { Observation } from '../../state/observations.js';
import { clusterNetworkName } from '../../spec/private-network.js';
import { addr } from '../../planner/address.js';
import type { StepContext, StepKind } from '../step-kind.js';

/**
 * `network`: the cluster's Latitude virtual network (VLAN) in the servers' site. A VLAN has no
 * name of its own (Latitude names it `<SITE>-<vid>`), so cto owns the one whose description starts
 * with `cto-cluster-<name>`; the rest of the description records the subnet and VIP the nodes were
 * numbered with, which is how a plan sees them change on a live cluster.
 */
export interface NetworkDesired {
  cluster: string;
  subnet: string;
  vip?: string;
}

export interface NetworkOutput {
  id: string;
  vid: number;
  site: string;
  description: string;
}

export const networkOwner = clusterNetworkName;

export function networkDescription(d: NetworkDesired): string {
  return `${networkOwner(d.cluster)} subnet=${d.subnet}${d.vip ? ` vip=${d.vip}` : ''}`;
}

const toOutput = (v: VirtualNetwork, site: string): NetworkOutput => ({ id: v.id, vid: v.attributes.vid, site: v.attributes.site ?? site, description: v.attributes.description });

/** Ours among the site's VLANs: the one the description names; the oldest (lowest vid) if a crash left a twin. */
function pick(vlans: VirtualNetwork[], cluster: string): VirtualNetwork | undefined {
  const owner = networkOwner(cluster);
  return vlans
    .filter((v) => v.attributes.description === owner || v.attributes.description.startsWith(`${owner} `))
    .sort((a, b) => a.attributes.vid - b.attributes.vid)[0];
}

export const siteOf = (ctx: StepContext): string | undefined => ctx.outputOf(addr.region)?.site;

/** Pure: what the VLAN step does about what was observed. Renumbering a live cluster is destructive. */
export function networkChange(d: NetworkDesired, observed: Observation<NetworkOutput>, site: string | undefined): Change {
  if (observed.state === 'unknown') return { action: 'create', fields: [], reason: `create a VLAN for ${d.subnet} (${observed.reason})` };
  if (observed.state === 'absent') return { action: 'create', fields: [], reason: `create a VLAN in ${site ?? 'the chosen site'} for the private network ${d.subnet}` };
  const want = networkDescription(d);
  const have = observed.value.description;
  if (have === want) return noop(`VLAN ${observed.value.vid} (${observed.value.id}) carries ${d.subnet}`);
  return {
    action: 'update',
    fields: [{ path: 'description', before: have, after: want }],
    reason: `the private network changes (${have.slice(networkOwner(d.cluster).length).trim() || 'unrecorded'} → ${want.slice(networkOwner(d.cluster).length).trim()})`,
    destructive: true,
    notes: ['every node is renumbered and its config re-applied: etcd peers and the Kubernetes endpoint move; nodes lose each other until all are done'],
  };
}

export const networkKind: StepKind<NetworkDesired, NetworkOutput> = {
  kind: 'latitude.network',

  async observe(step, ctx): Promise<Observation<NetworkOutput>> {
    const site = siteOf(ctx);
    if (!site) return { state: 'unknown', reason: 'known after region is chosen' };
    const client = await latitudeClient(ctx);
    const vlans = await ctx.cache.once(`latitude:vlans:${site}`, () => client.networks.listVirtualNetworks({ site }));
    const found = pick(vlans, step.desired.cluster);
    return found ? { state: 'present', value: toOutput(found, site) } : { state: 'absent' };
  },

  diff: (step, observed, ctx) => networkChange(step.desired, observed, siteOf(ctx)),

  async apply(step, change, ctx): Promise<NetworkOutput> {
    const site = siteOf(ctx);
    if (!site) throw new CtoError({ severity: 'error', stepId: step.id, message: 'no site was chosen (the region step has no output)' });
    const client = await latitudeClient(ctx);
    const description = networkDescription(step.desired);
    // A fresh look: a crash after the POST left a VLAN the journal's intent could not name.
    const current = pick(await client.networks.listVirtualNetworks({ site }), step.desired.cluster);
    for (const intent of await ctx.journal.pending(step.id)) {
      await ctx.journal.complete(intent.id, current ? { recovered: current.id } : { recovered: 'nothing was created' });
    }
    ctx.cache.invalidate(`latitude:vlans:${site}`);
    if (current) {
      if (current.attributes.description === description) return toOutput(current, site);
      const now = networkChange(step.desired, { state: 'present', value: toOutput(current, site) }, site);
      if (!change.destructive) {
        throw new CtoError({ severity: 'error', stepId: step.id, message: `the VLAN changed since the plan: it now needs "${now.reason}"`, hint: 'run `cto plan` again and review the change' });
      }
      const updated = await client.networks.updateVirtualNetwork(current.id, { description });
      return toOutput(updated, site);
    }
    const intent = await ctx.journal.begin(step.id, 'create', { site, description });
    const created = await client.networks.createVirtualNetwork({ site, description });
    await ctx.journal.complete(intent, { id: created.id, vid: created.attributes.vid });
    ctx.progress(`created VLAN ${created.attributes.vid} (${created.id}) at ${site}`);
    return toOutput(created, site);
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};
