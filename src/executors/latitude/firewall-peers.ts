import { latitudeClient } from './client.js';
import { isPeerRule, pick, ruleKey, sameRules } from './firewall.js';
import { publicServers } from './addresses.js';
import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import type { FirewallRule } from '../../clients/latitude/network-wire.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import { peerRules } from '../../spec/private-network.js';
import type { Observation } from '../../state/observations.js';
import { addr } from '../../planner/address.js';
import type { StepKind } from '../step-kind.js';

/**
 * `firewall/peers`: the rules of the cluster's firewall for the cluster's own servers' public
 * addresses (which ports, and why, in `peerOpenings`). They follow the servers: a server created
 * adds its rules, a server retired takes them away. It runs after every server of the spec (their
 * addresses) and after a retired node's server is gone (its kubelet keeps the API while it drains).
 * The admin networks' rules are `firewall`'s; each step leaves the other's alone.
 */
export interface FirewallPeersDesired {
  name: string;
}

export interface FirewallPeersOutput {
  id: string;
  rules: FirewallRule[];
}

/** Pure: what the step does, given the rules observed and the servers known so far. */
export function firewallPeersChange(name: string, observed: Observation<FirewallPeersOutput>, want: FirewallRule[], pending: string[]): Change {
  const later = pending.length ? ` (${pending.map((n) => `server/${n}`).join(', ')}: known after apply)` : '';
  if (observed.state !== 'present') {
    const what = want.length || pending.length ? `open firewall ${name} to the cluster's own servers` : `no rules for the cluster's own servers in firewall ${name}`;
    return want.length || pending.length ? { action: 'create', fields: [], reason: `${what}${later}` } : noop(what);
  }
  if (sameRules(observed.value.rules, want) && !pending.length) return noop(`firewall ${name}: the cluster's ${want.length} server rules are up to date`);
  return {
    action: 'update',
    fields: [{ path: 'rules', before: observed.value.rules.map(ruleKey).sort(), after: want.map(ruleKey).sort() }],
    reason: `firewall ${name}: the cluster's servers changed${later}`,
  };
}

export const firewallPeersKind: StepKind<FirewallPeersDesired, FirewallPeersOutput> = {
  kind: 'latitude.firewall.peers',

  async observe(step, ctx) {
    const fw = ctx.outputOf(addr.firewall);
    if (!fw) return { state: 'unknown', reason: `known after ${addr.firewall} exists` };
    const client = await latitudeClient(ctx);
    const found = pick(await ctx.cache.once('latitude:firewalls', () => client.networks.listFirewalls()), step.desired.name);
    return found ? { state: 'present', value: { id: found.id, rules: found.attributes.rules.filter(isPeerRule) } } : { state: 'unknown', reason: `firewall ${step.desired.name} is gone` };
  },

  diff(step, observed, ctx) {
    const { servers, pending } = publicServers(ctx);
    return firewallPeersChange(step.desired.name, observed, peerRules(ctx.spec, servers), pending);
  },

  async apply(step, _change, ctx) {
    const { servers, pending } = publicServers(ctx);
    if (pending.length) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: ${pending.map((n) => `server/${n}`).join(', ')} has no address yet` });
    const client = await latitudeClient(ctx);
    ctx.cache.invalidate('latitude:firewalls');
    const current = pick(await client.networks.listFirewalls(), step.desired.name);
    if (!current) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: firewall ${step.desired.name} does not exist`, hint: 'run cto apply again: the firewall step creates it' });
    const want = peerRules(ctx.spec, servers);
    const others = current.attributes.rules.filter((r) => !isPeerRule(r));
    if (sameRules(current.attributes.rules.filter(isPeerRule), want)) return { id: current.id, rules: want };
    // PATCH replaces the whole list: the same request again after a crash leaves the same rules.
    const updated = await client.networks.updateFirewall(current.id, { name: current.attributes.name, rules: [...others, ...want] });
    ctx.progress(`firewall ${current.attributes.name}: ${want.length} rules for the cluster's servers`);
    return { id: updated.id, rules: updated.attributes.rules.filter(isPeerRule) };
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};
