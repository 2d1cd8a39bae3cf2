import { latitudeClient } from './client.js';
import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import type { VlanAssignment } from '../../clients/latitude/network-wire.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { Observation } from '../../state/observations.js';
import { addr } from '../../planner/address.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { clusterServers, type ServerOutput } from './reads.js';

/**
 * `network/<node>`: the node's server assigned to the cluster's VLAN, once. Latitude may accept a
 * second assignment of the same server, so the create is journaled and the list is read fresh
 * right before it: a crash between the POST and its record never leaves a twin.
 */
export interface AssignmentDesired {
  node: string;
  hostname: string;
}

export interface AssignmentOutput {
  /** Assignment ids of this server on the VLAN (one, unless something outside cto added more). */
  ids: string[];
  serverId: string;
  vlanId: string;
}

const vlanOf = (ctx: StepContext) => ctx.outputOf(addr.network);
const serverOf = (ctx: StepContext, node: string) => ctx.outputOf(addr.server(node));

/** Every assignment of the VLAN: one paginated read per run, shared by every node's step. */
const assignmentsOf = async (ctx: StepContext, vlanId: string): Promise<VlanAssignment[]> => {
  const client = await latitudeClient(ctx);
  return ctx.cache.once(`latitude:vlan-assignments:${vlanId}`, () => client.networks.listVlanAssignments({ vlanId }));
};

export const networkAssignmentKind: StepKind<AssignmentDesired, AssignmentOutput> = {
  kind: 'latitude.network.assignment',

  async observe(step, ctx): Promise<Observation<AssignmentOutput>> {
    const vlan = vlanOf(ctx);
    const server = serverOf(ctx, step.desired.node);
    if (!vlan) return { state: 'unknown', reason: 'known after network exists' };
    if (!server?.id) return { state: 'unknown', reason: `known after server/${step.desired.node} exists` };
    const mine = (await assignmentsOf(ctx, vlan.id)).filter((a) => a.attributes.serverId === server.id);
    return mine.length ? { state: 'present', value: { ids: mine.map((a) => a.id), serverId: server.id, vlanId: vlan.id } } : { state: 'absent' };
  },

  diff(step, observed, ctx): Change {
    const vid = vlanOf(ctx)?.vid;
    const vlan = vid === undefined ? 'the cluster VLAN' : `VLAN ${vid}`;
    if (observed.state === 'unknown') return { action: 'create', fields: [], reason: `assign ${step.desired.hostname} to ${vlan} (${observed.reason})` };
    if (observed.state === 'absent') return { action: 'create', fields: [], reason: `assign ${step.desired.hostname} to ${vlan}` };
    return noop(`${step.desired.hostname} is on ${vlan}`);
  },

  async apply(step, _change, ctx): Promise<AssignmentOutput> {
    const vlan = vlanOf(ctx);
    const server = serverOf(ctx, step.desired.node);
    if (!vlan || !server?.id) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: the VLAN or server/${step.desired.node} does not exist yet` });
    const client = await latitudeClient(ctx);
    const current = await client.networks.listVlanAssignments({ vlanId: vlan.id, serverId: server.id });
    const mine = current.filter((a) => a.attributes.serverId === server.id && a.attributes.vlanId === vlan.id);
    for (const intent of await ctx.journal.pending(step.id)) {
      await ctx.journal.complete(intent.id, { recovered: mine.length ? mine.map((a) => a.id).join(',') : 'nothing was assigned' });
    }
    ctx.cache.invalidate(`latitude:vlan-assignments:${vlan.id}`);
    if (mine.length) return { ids: mine.map((a) => a.id), serverId: server.id, vlanId: vlan.id };
    const intent = await ctx.journal.begin(step.id, 'assign', { server: server.id, vlan: vlan.id });
    const created = await client.networks.assignVlan({ serverId: server.id, vlanId: vlan.id });
    await ctx.journal.complete(intent, { id: created.id });
    ctx.progress(`assigned to VLAN ${vlan.vid}`);
    return { ids: [created.id], serverId: server.id, vlanId: vlan.id };
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};

/** The VLAN assignments of a leaving node's server (found by hostname), for the retire step. */
async function leavingAssignments(ctx: StepContext, hostname: string, fresh: boolean): Promise<{ server?: ServerOutput; assignments: VlanAssignment[] }> {
  const server = (await clusterServers(ctx)).find((s) => s.hostname === hostname);
  if (!server) return { assignments: [] };
  const client = await latitudeClient(ctx);
  const read = () => client.networks.listVlanAssignments({ serverId: server.id });
  return { server, assignments: await (fresh ? read() : ctx.cache.once(`latitude:vlan-assignments:server:${server.id}`, read)) };
}

/**
 * `network/<node>` of a node leaving the spec (scale-in, destroy): its server leaves the VLAN before
 * the server is deleted, so no assignment is left naming a server that is gone.
 */
export const networkAssignmentRetireKind: StepKind<AssignmentDesired & { retire: true }, { removed: string[] }> = {
  kind: 'latitude.network.assignment.retire',

  async observe(step, ctx) {
    const { assignments } = await leavingAssignments(ctx, step.desired.hostname, false);
    return assignments.length ? { state: 'present', value: { removed: assignments.map((a) => a.id) } } : { state: 'absent' };
  },

  diff(step, observed): Change {
    if (observed.state === 'absent') return noop(`${step.desired.hostname} is on no VLAN`);
    return { action: 'delete', fields: [], reason: `take ${step.desired.hostname} off the cluster VLAN` };
  },

  async apply(step, _change, ctx) {
    const { assignments } = await leavingAssignments(ctx, step.desired.hostname, true);
    const client = await latitudeClient(ctx);
    for (const a of assignments) await client.networks.deleteVlanAssignment(a.id);
    ctx.cache.invalidate('latitude:vlan-assignments');
    return { removed: assignments.map((a) => a.id) };
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};
