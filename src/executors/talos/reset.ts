import { TalosError } from '../../clients/talos/errors.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { pollUntil } from '../../time/poll.js';
import { noop, type Change } from '../../planner/change.js';
import { systemClock } from '../../time/clock.js';
import { clusterServers } from '../latitude/reads.js';
import type { StepContext, StepKind } from '../step-kind.js';
import type { ConfigDesired } from './config.js';
import { etcdNotes, leaveEtcd, observeMembership, refuseBootstrapNode, type EtcdMembership } from './etcd-leave.js';
import { probeNode, type NodeState } from './probe.js';
import type { Observation } from '../../state/observations.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from './talosctl-for.js';

export type ResetDesired = ConfigDesired & {
  retire: true;
  /** `cto destroy`: etcd goes with every control plane at once, so nobody leaves it (the last member cannot). */
  wholeCluster?: boolean;
};

export interface ResetObserved {
  address: string;
  mode: NodeState['mode'];
  /** Why the node does not answer, when it does not. */
  detail?: string;
  /** A control plane's place in etcd, as cp-0 sees it (scale-in only). */
  etcd?: EtcdMembership;
  /** Why etcd could not be asked. */
  etcdUnknown?: string;
}

/** A control plane leaving a cluster that stays must leave etcd first. */
const leavesEtcd = (d: ResetDesired) => d.role === 'controlplane' && d.wholeCluster !== true;

export const RESET_TIMEOUT_MS = 10 * 60_000;
/** A node that stays silent this long is taken as powered off (a reset without reboot halts it). */
const SILENCE_MS = 2 * 60_000;

/**
 * `talos/config/<node>` for a node leaving the spec: `talosctl reset --graceful=false --reboot=false`
 * wipes its disks (state, ephemeral, the config); done when it answers in maintenance mode or no
 * longer answers at all. A control plane leaves etcd first (see etcd-leave.ts).
 */
export const talosReset: StepKind<ResetDesired, ResetObserved> = {
  kind: 'talos.reset',

  async observe(step, ctx): Promise<Observation<ResetObserved>> {
    if (leavesEtcd(step.desired)) refuseBootstrapNode(step.id, step.desired.node);
    const address = await addressOf(ctx, step.desired.hostname);
    if (!address) return { state: 'absent' };
    const talosctl = await talosctlFor(ctx);
    const state = await probeNode(talosctl, address, step.id, await ctx.state.exists(TALOSCONFIG_FILE));
    const value: ResetObserved = { address, mode: state.mode, ...(state.mode === 'unreachable' ? { detail: state.reason } : {}) };
    if (leavesEtcd(step.desired)) {
      try {
        value.etcd = await observeMembership(ctx, step.id, talosctl, step.desired.hostname);
      } catch (err) {
        if (!(err instanceof TalosError)) throw err;
        value.etcdUnknown = err.message;
      }
    }
    return { state: 'present', value };
  },

  diff(step, observed): Change {
    return resetChange(step.desired.hostname, observed);
  },

  async apply(step, _change, ctx): Promise<ResetObserved> {
    if (leavesEtcd(step.desired)) refuseBootstrapNode(step.id, step.desired.node);
    const address = await addressOf(ctx, step.desired.hostname);
    if (!address) return { address: '', mode: 'unreachable', detail: 'no server' };
    const talosctl = await talosctlFor(ctx);
    const state = await answering(talosctl, address, step.id, ctx);
    if (leavesEtcd(step.desired)) await leaveEtcd(ctx, step.id, talosctl, step.desired.hostname, address);
    if (state.mode !== 'configured') return { address, mode: state.mode, ...(state.mode === 'unreachable' ? { detail: state.reason } : {}) };

    const intent = await ctx.journal.begin(step.id, 'reset', { hostname: step.desired.hostname, address });
    ctx.progress(`resetting Talos on ${address}`);
    await talosctl.reset(address);
    const after = await pollUntil(() => probeNode(talosctl, address, step.id, true), (s) => ({ done: s.mode !== 'configured', message: s.mode === 'configured' ? `still ${s.stage}` : s.mode }), {
      stepId: step.id,
      what: `${step.desired.hostname} to leave its configuration (maintenance mode or powered off)`,
      signal: ctx.signal,
      timeoutMs: RESET_TIMEOUT_MS,
      intervalMs: 1_000,
      progress: ctx.progress,
    });
    await ctx.journal.complete(intent, { mode: after.mode });
    return { address, mode: after.mode };
  },

  limits: {
    // One control plane leaves etcd at a time, so each quorum check sees the membership the leave meets.
    concurrencyKey: (step) => (leavesEtcd(step.desired) ? 'talos:etcd-membership' : `talos:${step.desired.node}`),
    timeoutMs: RESET_TIMEOUT_MS + SILENCE_MS + 60_000,
    retry: { attempts: 5, baseMs: 2_000, maxMs: 30_000 },
  },
  retryable: (err) => err instanceof TalosError && err.retryable,
};

/** Pure: what resetting the node means for what was observed. */
export function resetChange(hostname: string, observed: Observation<ResetObserved>): Change {
  const reason = `reset Talos on ${hostname}: wipes its disks`;
  if (observed.state === 'absent') return noop(`no server ${hostname}: nothing to reset`);
  if (observed.state === 'unknown') return { action: 'delete', fields: [], reason: `${reason} (${observed.reason})`, destructive: true };
  const { mode, detail, etcd, etcdUnknown } = observed.value;
  const notes = etcd ? etcdNotes(etcd) : etcdUnknown ? [`etcd membership unknown (${etcdUnknown}): checked again before the wipe`] : [];
  if (mode === 'maintenance') {
    // An unanswered etcd must not read as "nothing to do": the apply asks again and says why it cannot go on.
    if (etcdUnknown) return { action: 'delete', fields: [], reason: `${hostname} is reset; whether it is still an etcd member is unknown (${etcdUnknown})`, destructive: true };
    if (!etcd?.member) return noop('already reset (maintenance mode)');
    return { action: 'delete', fields: [], reason: `remove ${hostname}'s etcd member ${etcd.member}, left behind by an earlier reset`, destructive: true };
  }
  if (mode === 'unreachable') {
    notes.push(`its Talos API does not answer now (${detail ?? 'no answer'}); a node silent for ${SILENCE_MS / 60_000}m is taken as powered off and left as it is`);
  }
  return { action: 'delete', fields: [], reason, destructive: true, ...(notes.length ? { notes } : {}) };
}

async function addressOf(ctx: StepContext, hostname: string): Promise<string | undefined> {
  const server = (await clusterServers(ctx)).find((s) => s.hostname === hostname);
  return server?.ipv4 || undefined;
}

/** The node's state once it answers; a node silent for SILENCE_MS is reported unreachable (halted, or dead). */
async function answering(talosctl: Talosctl, address: string, stepId: string, ctx: StepContext): Promise<NodeState> {
  const since = Date.now();
  for (;;) {
    const state = await probeNode(talosctl, address, stepId, true);
    if (state.mode !== 'unreachable' || Date.now() - since >= SILENCE_MS || ctx.signal.aborted) return state;
    ctx.progress(`Talos API at ${address} does not answer (${state.reason}); waiting`);
    await systemClock.sleep(5_000, ctx.signal).catch(() => undefined);
  }
}
