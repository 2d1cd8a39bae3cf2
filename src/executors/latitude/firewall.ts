import { latitudeClient } from './client.js';
import { isTransientLatitudeError, LatitudeApiError } from '../../clients/latitude/errors.js';
import type { Firewall, FirewallRule } from '../../clients/latitude/network-wire.js';
import { noop, type Change } from '../../planner/change.js';
import type { Observation } from '../../state/observations.js';
import { clusterNetworkName, PEER_RULE_PREFIX } from '../../spec/private-network.js';
import { addr } from '../../planner/address.js';
import type { StepContext, StepKind } from '../step-kind.js';

/**
 * `firewall`: Latitude's own firewall in front of every server, so that from the moment a server
 * exists only the admin networks reach the Talos API (50000: unauthenticated in maintenance mode)
 * and the Kubernetes API (6443). Node-to-node traffic runs on the private VLAN. Each server is
 * assigned to it right after its create, before it boots (`server/<node>`, `ensureFirewall`).
 * The rules for the cluster's own servers are `firewall/peers`' (they need the servers' addresses).
 */
export interface FirewallDesired {
  name: string;
  rules: FirewallRule[];
}

export interface FirewallOutput {
  id: string;
  name: string;
  rules: FirewallRule[];
}

export const firewallName = clusterNetworkName;

export const ruleKey = (r: FirewallRule) => `${r.protocol} ${r.from} → ${r.to}:${r.port}`;
export const sameRules = (a: FirewallRule[], b: FirewallRule[]) => JSON.stringify(a.map(ruleKey).sort()) === JSON.stringify(b.map(ruleKey).sort());

/** Whether a rule is one `firewall/peers` keeps for a server of the cluster. */
export const isPeerRule = (r: FirewallRule): boolean => r.description?.startsWith(PEER_RULE_PREFIX) === true;

const toOutput = (f: Firewall): FirewallOutput => ({ id: f.id, name: f.attributes.name, rules: f.attributes.rules });

export const pick = (list: Firewall[], name: string): Firewall | undefined => list.filter((f) => f.attributes.name === name).sort((a, b) => a.id.localeCompare(b.id))[0];

/** Pure: what the firewall step does about what was observed. */
export function firewallChange(d: FirewallDesired, observed: Observation<FirewallOutput>): Change {
  if (observed.state === 'unknown') return { action: 'create', fields: [], reason: `create firewall ${d.name} (${observed.reason})` };
  if (observed.state === 'absent') return { action: 'create', fields: [], reason: `create firewall ${d.name}: ${d.rules.map(ruleKey).join(', ')}` };
  const have = observed.value.rules.filter((r) => !isPeerRule(r));
  if (sameRules(have, d.rules)) return noop(`firewall ${d.name} (${observed.value.id}) up to date`);
  return { action: 'update', fields: [{ path: 'rules', before: have.map(ruleKey).sort(), after: d.rules.map(ruleKey).sort() }], reason: `firewall ${d.name}: the admin networks changed` };
}

export const firewallKind: StepKind<FirewallDesired, FirewallOutput> = {
  kind: 'latitude.firewall',

  async observe(step, ctx) {
    const client = await latitudeClient(ctx);
    const found = pick(await ctx.cache.once('latitude:firewalls', () => client.networks.listFirewalls()), step.desired.name);
    return found ? { state: 'present', value: toOutput(found) } : { state: 'absent' };
  },

  diff: (step, observed) => firewallChange(step.desired, observed),

  async apply(step, _change, ctx) {
    const client = await latitudeClient(ctx);
    const { name, rules } = step.desired;
    const current = pick(await client.networks.listFirewalls(), name);
    for (const intent of await ctx.journal.pending(step.id)) {
      await ctx.journal.complete(intent.id, current ? { recovered: current.id } : { recovered: 'nothing was created' });
    }
    ctx.cache.invalidate('latitude:firewalls');
    if (current) {
      const [peers, own] = partition(current.attributes.rules, isPeerRule);
      return sameRules(own, rules) ? toOutput(current) : toOutput(await client.networks.updateFirewall(current.id, { name, rules: [...rules, ...peers] }));
    }
    const intent = await ctx.journal.begin(step.id, 'create', { name });
    const created = await client.networks.createFirewall({ name, rules });
    await ctx.journal.complete(intent, { id: created.id });
    ctx.progress(`created firewall ${created.id}`);
    return toOutput(created);
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};

const partition = <T>(list: T[], test: (x: T) => boolean): [T[], T[]] => [list.filter(test), list.filter((x) => !test(x))];

/** Whether the server is behind the cluster's firewall: one read of the firewall's assignments per run. */
export async function firewalled(ctx: StepContext, serverId: string): Promise<boolean | undefined> {
  const fw = ctx.outputOf(addr.firewall);
  if (!fw) return undefined;
  const client = await latitudeClient(ctx);
  const list = await ctx.cache.once(`latitude:firewall-assignments:${fw.id}`, () => client.networks.listFirewallAssignments(fw.id));
  return list.some((a) => a.attributes.serverId === serverId);
}

/**
 * Puts the server behind the cluster's firewall unless it already is (a fresh read, journaled:
 * never a second assignment). `server/<node>` calls it right after the create, before the
 * server boots into Talos' maintenance mode.
 */
export async function ensureFirewall(ctx: StepContext, stepId: string, serverId: string): Promise<void> {
  const fw = ctx.outputOf(addr.firewall);
  if (!fw) return;
  const client = await latitudeClient(ctx);
  const assigned = (await client.networks.listFirewallAssignments(fw.id)).some((a) => a.attributes.serverId === serverId);
  ctx.cache.invalidate(`latitude:firewall-assignments:${fw.id}`);
  if (assigned) return;
  const intent = await ctx.journal.begin(stepId, 'assign-firewall', { firewall: fw.id, server: serverId });
  await client.networks.assignFirewall({ firewallId: fw.id, serverId });
  await ctx.journal.complete(intent);
  ctx.progress(`behind firewall ${fw.name}`);
}

/**
 * `cto destroy`, last: the VLAN and the firewall go once no server is left on them. A VLAN is
 * refused (406) while its assignments drain; the step's retry waits that out.
 */
export const networkRetireKind: StepKind<{ cluster: string; what: 'network' | 'firewall' }, { deleted: string[] }> = {
  kind: 'latitude.network.retire',

  async observe(step, ctx) {
    const ids = await owned(ctx, step.desired);
    return ids.length ? { state: 'present', value: { deleted: ids } } : { state: 'absent' };
  },

  diff(step, observed): Change {
    const what = step.desired.what === 'network' ? 'the cluster VLAN' : `firewall ${firewallName(step.desired.cluster)}`;
    return observed.state === 'absent' ? noop(`no ${what}`) : { action: 'delete', fields: [], reason: `delete ${what}`, destructive: true };
  },

  async apply(step, _change, ctx) {
    const client = await latitudeClient(ctx);
    ctx.cache.invalidate('latitude:vlans');
    ctx.cache.invalidate('latitude:firewalls');
    const ids = await owned(ctx, step.desired);
    for (const id of ids) {
      if (step.desired.what === 'firewall') await client.networks.deleteFirewall(id);
      else await client.networks.deleteVirtualNetwork(id);
    }
    return { deleted: ids };
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 8, baseMs: 5_000, maxMs: 30_000 } },
  retryable: (err) => isTransientLatitudeError(err) || (err instanceof LatitudeApiError && err.httpStatus === 406),
};

async function owned(ctx: StepContext, d: { cluster: string; what: 'network' | 'firewall' }): Promise<string[]> {
  const client = await latitudeClient(ctx);
  if (d.what === 'firewall') {
    const list = await ctx.cache.once('latitude:firewalls', () => client.networks.listFirewalls());
    return list.filter((f) => f.attributes.name === firewallName(d.cluster)).map((f) => f.id);
  }
  const owner = clusterNetworkName(d.cluster);
  const list = await ctx.cache.once('latitude:vlans:all', () => client.networks.listVirtualNetworks());
  return list.filter((v) => v.attributes.description === owner || v.attributes.description.startsWith(`${owner} `)).map((v) => v.id);
}
