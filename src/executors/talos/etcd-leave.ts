import { TalosError } from '../../clients/talos/errors.js';
import { memberAddress, type EtcdMember } from '../../clients/talos/etcd-members.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';
import { BOOTSTRAP_NODE, clusterNodes } from '../../planner/nodes.js';
import type { StepContext } from '../step-kind.js';
import { serverAddress } from '../latitude/addresses.js';
import { clusterServers } from '../latitude/reads.js';
import { parseIpv4, privateNetwork } from '../../spec/private-network.js';
import type { Cluster } from '../../spec/types.gen.js';

/**
 * A control plane leaving the spec must leave etcd before its disks are wiped: a wiped node's
 * member stays in the cluster and counts towards quorum, so going from 3 control planes to 1 with
 * plain resets leaves 1 of 3 members running, no leader, and a Kubernetes API that stops.
 *
 * Why an explicit `talosctl etcd leave` and not `talosctl reset --graceful=true`: a graceful reset
 * also cordons and drains through the node's own kubelet credentials, after cto already drained and
 * deleted the Node (machined waits up to a minute for a Node that is gone), and a refused leave
 * inside it only shows as a failed reset sequence after which machined reboots the node; `etcd
 * leave` answers the refusal to the caller, and the membership can be checked first (from cp-0,
 * which never leaves), which makes a re-run after a crash between leave and reset a no-op.
 */

/** What cp-0's etcd says about a control plane that leaves the spec. */
export interface EtcdMembership {
  /** The node's member ID while it is one. */
  member?: string;
  members: number;
  /** Members once every control plane that left the spec has left etcd. */
  remain: number;
}

/** Pure: the node's place in the member list; `kept` = the spec's control plane hostnames. */
export function membershipOf(members: EtcdMember[], hostname: string, kept: Set<string>): EtcdMembership {
  const self = members.find((m) => m.hostname === hostname);
  return { ...(self ? { member: self.id } : {}), members: members.length, remain: members.filter((m) => kept.has(m.hostname)).length };
}

/** Pure: what the plan says about etcd for a retiring control plane. */
export function etcdNotes(m: EtcdMembership): string[] {
  if (!m.member) return ['not an etcd member (already left): nothing to leave'];
  return [`leaves etcd before the wipe (${m.members} → ${m.remain} members once every retired control plane has left)`];
}

/** Pure: etcd's own rule for removing a running member: the members left running must be a quorum of those left. */
export function quorumAfterLeave(remaining: { hostname: string; running: boolean }[]): { ok: boolean; running: number; needed: number } {
  const running = remaining.filter((m) => m.running).length;
  const needed = Math.floor(remaining.length / 2) + 1;
  return { ok: running >= needed, running, needed };
}

/** cp-0 bootstrapped etcd and is never retired: it is who cto asks about membership. */
export function etcdAnchor(ctx: StepContext, stepId: string): string {
  const ip = serverAddress(ctx, BOOTSTRAP_NODE);
  if (!ip) {
    throw new CtoError({ severity: 'error', stepId, message: `${stepId}: cannot ask etcd who its members are: server/${BOOTSTRAP_NODE} has no address` });
  }
  return ip;
}

/** The hostnames of the spec's control planes: the members etcd keeps. */
const keptHostnames = (ctx: StepContext) => new Set(clusterNodes(ctx.spec).filter((n) => n.role === 'controlplane').map((n) => n.hostname));

export async function observeMembership(ctx: StepContext, stepId: string, talosctl: Talosctl, hostname: string): Promise<EtcdMembership> {
  return membershipOf(await talosctl.etcdMembers(etcdAnchor(ctx, stepId)), hostname, keptHostnames(ctx));
}

/** Refused in plan and apply: cp-0 is the one node cto would bootstrap etcd on again. */
export function refuseBootstrapNode(stepId: string, node: string): void {
  if (node !== BOOTSTRAP_NODE) return;
  throw new CtoError({
    severity: 'error',
    stepId,
    message: `${stepId}: refusing to retire ${BOOTSTRAP_NODE}, the control plane that bootstrapped etcd`,
    hint: `${BOOTSTRAP_NODE} stays while the cluster exists: lowering spec.nodes.controlPlane.count retires the highest-numbered control planes, and \`cto destroy\` removes the whole cluster`,
  });
}

/**
 * Takes the node's member out of etcd, if it still is one: `etcd leave` on the node when its etcd
 * runs (after checking that the members left running keep quorum, as etcd itself will), else
 * `etcd remove-member` asked of cp-0 (a member that is down is never part of the active quorum).
 * Members of other retired control planes that are down (wiped without leaving) go first: they
 * would count against the quorum of those that remain, whichever retiring node the walker takes first.
 */
export async function leaveEtcd(ctx: StepContext, stepId: string, talosctl: Talosctl, hostname: string, address: string): Promise<void> {
  const anchor = etcdAnchor(ctx, stepId);
  const members = await talosctl.etcdMembers(anchor).catch((err: unknown) => {
    if (!(err instanceof TalosError && /etcdserver: no leader/.test(err.message))) throw err;
    throw new CtoError({
      severity: 'error',
      stepId,
      message: `${stepId}: etcd on ${BOOTSTRAP_NODE} (${anchor}) has no leader: the cluster already lost quorum, so no member can leave it`,
      hint: 'see "etcdserver: no leader" in docs/troubleshooting.md: recover etcd from cp-0 first (Talos disaster recovery), then run cto apply again',
    });
  });
  const self = members.find((m) => m.hostname === hostname);
  if (!self) {
    ctx.progress(`${hostname} is not an etcd member: nothing to leave`);
    return;
  }

  if (!(await etcdRuns(talosctl, address))) {
    await removeMember(ctx, stepId, talosctl, anchor, self, `${hostname}'s etcd does not run`);
    return;
  }

  const kept = keptHostnames(ctx);
  const remaining: { hostname: string; id: string; running: boolean }[] = [];
  for (const m of members.filter((x) => x !== self)) {
    const running = await etcdRuns(talosctl, await memberTalosAddress(ctx, m));
    if (!running && !kept.has(m.hostname)) await removeMember(ctx, stepId, talosctl, anchor, m, `${m.hostname} left the spec and its etcd does not run`);
    else remaining.push({ hostname: m.hostname, id: m.id, running });
  }
  const quorum = quorumAfterLeave(remaining);
  if (!quorum.ok) {
    const down = remaining.filter((m) => !m.running).map((m) => `${m.hostname || '(unnamed)'} ${m.id}`);
    throw new CtoError({
      severity: 'error',
      stepId,
      message: `${stepId}: ${hostname} cannot leave etcd: ${quorum.running} of the ${remaining.length} members that would remain run etcd and ${quorum.needed} are needed for quorum${down.length ? ` (not running: ${down.join(', ')})` : ''}`,
      hint: `bring those control planes back, or remove the members of machines that are gone for good with \`talosctl -n ${anchor} etcd remove-member <id>\` (see \`talosctl -n ${anchor} etcd members\`), then run cto apply again`,
    });
  }

  const intent = await ctx.journal.begin(stepId, 'etcd-leave', { hostname, member: self.id });
  ctx.progress(`${hostname} leaves etcd (${members.length} → ${members.length - 1} members)`);
  await talosctl.etcdLeave(address);
  await ctx.journal.complete(intent, { result: 'left' });
}

async function removeMember(ctx: StepContext, stepId: string, talosctl: Talosctl, anchor: string, member: EtcdMember, why: string): Promise<void> {
  const intent = await ctx.journal.begin(stepId, 'etcd-remove-member', { hostname: member.hostname, member: member.id });
  ctx.progress(`${why}: removing its member ${member.id} through ${BOOTSTRAP_NODE}`);
  await talosctl.etcdRemoveMember(anchor, member.id).catch((err: unknown) => {
    // Removed meanwhile (a previous run, another step, or by hand): what this call wanted.
    if (!(err instanceof TalosError && err.code === 'NotFound')) throw err;
  });
  await ctx.journal.complete(intent, { result: 'removed' });
}

/**
 * Where cto reaches a member's Talos API. Its peer URL carries the address etcd advertises, which
 * with a private network is the node's VLAN address (`cluster.etcd.advertisedSubnets`; Talos
 * `machined/pkg/controllers/etcd/spec.go` filters the node's addresses by them): cto is not on
 * that network, so such a member is reached at its server's public address, found by hostname
 * (etcd's member name is the node's hostname).
 */
export async function memberTalosAddress(ctx: StepContext, m: EtcdMember): Promise<string | undefined> {
  const address = memberAddress(m);
  if (!onPrivateNetwork(ctx.spec, address)) return address;
  return (await clusterServers(ctx)).find((s) => s.hostname === m.hostname)?.ipv4 || undefined;
}

/** Whether `address` is in the spec's private subnet. */
export function onPrivateNetwork(spec: Cluster, address: string | undefined): boolean {
  const net = privateNetwork(spec);
  const n = address === undefined ? undefined : parseIpv4(address);
  return net !== undefined && n !== undefined && n >= net.subnet.start && n <= net.subnet.end;
}

/** Whether a member's etcd service runs; a node that does not answer runs nothing we can count on. */
async function etcdRuns(talosctl: Talosctl, ip: string | undefined): Promise<boolean> {
  if (!ip) return false;
  try {
    return (await talosctl.serviceState(ip, 'etcd')) === 'Running';
  } catch (err) {
    if (err instanceof TalosError) return false;
    throw err;
  }
}
