import { pollUntil } from '../../time/poll.js';
import { TalosError } from '../../clients/talos/errors.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { serverAddress } from '../latitude/addresses.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from './talosctl-for.js';
import { forgetNodeVersions, readNodeVersions, readNow, type NodeVersions } from './node-versions.js';
import { probeNode } from './probe.js';
import { observeNode } from './node-reads.js';
import { addr } from '../../planner/address.js';
import { configDrift, fieldCount, pendingConfig, recordApplied } from './config.js';
import { cordonAndDrain, rolledBack, uncordon, waitEtcdQuorumWithout, waitNodeReady, waitVolumesHealthy, type GateTarget } from './upgrade-gates.js';
import { talosPath, talosRunsKubernetes } from './upgrade-path.js';

export interface UpgradeDesired {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
  /** A Mayastor storage node: its config is rendered the way talos/config renders it. */
  storage: boolean;
  version: string;
  schematic: string;
  /** How the rollout runs, for the plan's notes. */
  order: string;
}

export interface UpgradeObserved {
  address: string;
  talos: string;
  schematic?: string;
  kubelet?: string;
  /** Config fields whose change needs a reboot (talos/config leaves those to this step). */
  config?: FieldDiff[];
  /** Cordoned by an apply that was interrupted before it uncordoned the Node. */
  cordoned?: boolean;
}

/** A reboot into a new release, on real hardware, with its installer pull: minutes; a stuck one fails. */
const REBOOT_TIMEOUT_MS = 30 * 60_000;

/** The Image Factory installer of a release for a schematic: the image iPXE boots, so extensions are kept. */
export function factoryInstaller(schematic: string, version: string): string {
  return `factory.talos.dev/installer/${schematic}:${version}`;
}

/**
 * `talos/upgrade/<node>`: every reboot of a running node that the spec asks for, rolled out.
 * A config change Talos can only apply with a reboot (`talos/config` leaves it here) is applied with
 * `talosctl apply-config --mode reboot`; a node whose Talos release or schematic differs from the
 * spec is upgraded in place with `talosctl upgrade` (A/B: its data and config stay), hop by hop
 * along the upgrade path. Before each reboot: etcd keeps quorum without the node, Mayastor volumes
 * are healthy, the Node is cordoned and drained (Talos' own reboot sequence only stops the pods:
 * `v1alpha1_sequencer.go` `Reboot`); after it, the node must run the new config or release (else
 * Talos rolled back and the rollout stops) and be Ready; then it is uncordoned. Control planes go
 * one at a time, then workers (the order is in the step graph: `planner/upgrade-order.ts`).
 */
export const talosUpgrade: StepKind<UpgradeDesired, UpgradeObserved> = {
  kind: 'talos.upgrade',

  async observe(step, ctx): Promise<Observation<UpgradeObserved>> {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip || !(await ctx.state.exists(TALOSCONFIG_FILE))) return { state: 'unknown', reason: `known after talos/config/${step.desired.node} is applied` };
    const talosctl = await talosctlFor(ctx);
    const state = await observeNode(ctx, ip, step.id);
    if (state.mode !== 'configured') return { state: 'unknown', reason: `known after talos/config/${step.desired.node} is applied (node ${state.mode})` };
    const config = ctx.outputOf(addr.talosConfig(step.desired.node));
    const cordoned = (await ctx.journal.pending(step.id)).some((i) => i.action === CORDON);
    return {
      state: 'present',
      value: {
        ...observed(ip, await readNodeVersions(ctx, talosctl, ip)),
        ...(config?.effect === 'reboot' && config.drift?.length ? { config: config.drift } : {}),
        ...(cordoned ? { cordoned } : {}),
      },
    };
  },

  diff(step, obs): Change {
    return upgradeChange(step, obs);
  },

  async apply(step, _change, ctx): Promise<UpgradeObserved> {
    const d = step.desired;
    const ip = serverAddress(ctx, d.node);
    if (!ip) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: server/${d.node} has no address yet` });
    const talosctl = await talosctlFor(ctx);
    const target: GateTarget = { stepId: step.id, node: d.node, hostname: d.hostname, role: d.role, ip };
    let now = await waitAnswering(step, ctx, talosctl, ip);

    // An interrupted run may have sent an upgrade: its boot ID tells a rollback from a reboot not yet begun.
    // A config applied with a reboot needs no such check: what the node runs is read afresh below.
    const pending = await ctx.journal.pending(step.id);
    for (const intent of pending.filter((i) => i.action !== CORDON)) {
      const { to, bootId } = intent.details as { to?: string; bootId?: string };
      const booted = (await bootId_(talosctl, ip)) !== bootId;
      await ctx.journal.complete(intent.id, { recovered: now.talos });
      if (intent.action === UPGRADE && booted && to !== undefined && now.talos !== to) throw rolledBack(target, to, now.talos);
    }
    let cordon = pending.find((i) => i.action === CORDON)?.id;

    const drainMs = (ctx.spec.spec.upgrade?.drainTimeoutSeconds ?? 600) * 1000;
    // The node's config as talos/config renders it (its desired alone: the applied-config record is keyed by it).
    const configStep = { id: step.id, desired: { node: d.node, hostname: d.hostname, role: d.role, storage: d.storage } };
    const config = await pendingConfig(configStep, ctx, talosctl, ip);
    const reboots = [...(config.effect === 'reboot' ? [CONFIG] : []), ...hopsOf(step, now)];
    for (const [i, reboot] of reboots.entries()) {
      const label = `${i + 1}/${reboots.length}`;
      ctx.progress(`${label}: ${reboot === CONFIG ? `config changes (${fieldCount(config.drift.length)})` : `Talos ${now.talos} → ${reboot}`}: checking etcd quorum`);
      await waitEtcdQuorumWithout(ctx, talosctl, target);
      await waitVolumesHealthy(ctx, target);
      ctx.progress(`${label}: cordon and drain ${d.hostname}`);
      // Journaled first: a run killed after the cordon finds the Node still to uncordon, whatever the node runs by then.
      cordon ??= await ctx.journal.begin(step.id, CORDON, { node: d.node, hostname: d.hostname });
      await cordonAndDrain(ctx, target, drainMs);
      const before = await bootId_(talosctl, ip);
      if (reboot === CONFIG) {
        const intent = await ctx.journal.begin(step.id, 'apply-config', { node: d.node, address: ip, mode: 'reboot', fields: config.drift.map((f) => f.path), bootId: before });
        ctx.progress(`${label}: talosctl apply-config --mode reboot`);
        await talosctl.applyConfig(ip, config.config, 'reboot').catch(unlessAlreadyRebooting);
        now = await waitRebooted(step, ctx, talosctl, ip, before);
        await ctx.journal.complete(intent, { running: now.talos });
        const left = configDrift(await talosctl.machineConfig(ip), config.rendered);
        if (left.length) throw notApplied(target, left);
        await recordApplied(configStep, ctx, talosctl, ip, config.rendered);
      } else {
        const image = factoryInstaller(d.schematic, reboot);
        const intent = await ctx.journal.begin(step.id, UPGRADE, { node: d.node, address: ip, from: now.talos, to: reboot, image, bootId: before });
        ctx.progress(`${label}: talosctl upgrade --image ${image}`);
        await talosctl.upgrade(ip, image);
        now = await waitRebooted(step, ctx, talosctl, ip, before);
        await ctx.journal.complete(intent, { running: now.talos });
        if (now.talos !== reboot) throw rolledBack(target, reboot, now.talos);
      }
      await waitNodeReady(ctx, target, REBOOT_TIMEOUT_MS);
    }
    await waitNodeReady(ctx, target, REBOOT_TIMEOUT_MS);
    // Only a cordon of cto's own: one an operator set stays.
    if (cordon) {
      await uncordon(ctx, target);
      await ctx.journal.complete(cordon);
    }
    forgetNodeVersions(ctx, ip);
    return observed(ip, now);
  },

  limits: {
    concurrencyKey: (step) => `talos:${step.desired.node}`,
    retry: { attempts: 3, baseMs: 2_000, maxMs: 30_000 },
  },

  retryable: (err) => err instanceof TalosError && err.retryable,
};

/** Journal actions: the Node cordoned (completed once uncordoned), a Talos upgrade sent. */
const CORDON = 'cordon';
const UPGRADE = 'upgrade';
/** A reboot into the node's new config, beside the upgrade hops. */
const CONFIG = 'config';

/** Talos refuses a second apply while the first one's reboot is under way: that reboot is the one wanted. */
function unlessAlreadyRebooting(err: unknown): void {
  if (err instanceof TalosError && err.code === 'FailedPrecondition' && /already applied and node is rebooting/.test(err.message)) return;
  throw err;
}

function notApplied(t: GateTarget, left: FieldDiff[]): CtoError {
  return new CtoError({
    severity: 'error',
    stepId: t.stepId,
    message: `${t.stepId}: ${t.node} (${t.ip}) rebooted but does not run its new config (${left.map((f) => f.path).join(', ')} still differ); the rollout stops here`,
    hint: `${t.hostname} stays cordoned; check \`talosctl -n ${t.ip} get machineconfig\` and run cto apply again`,
  });
}

function observed(ip: string, v: NodeVersions): UpgradeObserved {
  return { address: ip, talos: v.talos, ...(v.schematic ? { schematic: v.schematic } : {}), ...(v.kubelet ? { kubelet: v.kubelet } : {}) };
}

const upToDate = (d: UpgradeDesired, v: { talos: string; schematic?: string }) => v.talos === d.version && (v.schematic ?? d.schematic) === d.schematic;

/** Pure: the plan's view of one node's reboots: a config that needs one, an upgrade, an interrupted rollout's cordon. */
export function upgradeChange(step: Step<UpgradeDesired>, obs: Observation<UpgradeObserved>): Change {
  const d = step.desired;
  if (obs.state !== 'present') return noop(`Talos ${d.version} is installed with the node's config (${obs.state === 'unknown' ? obs.reason : 'not configured'})`);
  const v = obs.value;
  const config = v.config ?? [];
  const upgrade = !upToDate(d, v);
  if (!upgrade && config.length === 0) {
    if (v.cordoned) return { action: 'update', fields: [], reason: `uncordon ${d.hostname}: an interrupted apply left it cordoned (runs Talos ${v.talos})` };
    return noop(`runs Talos ${v.talos} (schematic ${d.schematic.slice(0, 12)})`);
  }
  const fields: FieldDiff[] = [...config];
  const reasons: string[] = [];
  const notes: string[] = [];
  if (config.length) {
    reasons.push(`apply config changes that need a reboot (${fieldCount(config.length)}; talosctl apply-config --mode reboot)`);
    notes.push('the node reboots to apply its config (talosctl apply-config --dry-run)');
  }
  let destructive = false;
  if (upgrade) {
    const path = routeOf(step, v);
    destructive = path.downgrade;
    if (v.talos !== d.version) fields.push({ path: 'talos.version', before: v.talos, after: d.version });
    if (v.schematic !== d.schematic) fields.push({ path: 'talos.schematic', before: v.schematic ?? '(none)', after: d.schematic });
    const via = path.hops.length > 1 ? ` via ${path.hops.slice(0, -1).join(', ')}` : '';
    const what = path.downgrade ? 'downgrade' : v.talos === d.version ? 'reinstall the schematic' : 'upgrade';
    reasons.push(`${what} Talos in place ${v.talos} → ${d.version}${via} (talosctl upgrade, ${factoryInstaller(d.schematic, d.version)})`);
    if (path.hops.length > 1) notes.push(`upgrade path: ${[v.talos, ...path.hops].join(' → ')} (the latest patch of each minor)`);
    if (path.downgrade) notes.push('a downgrade: the older release may not read what the newer one wrote (etcd, config contract)');
  }
  const back = upgrade ? `back on ${d.version}` : 'back on its new config';
  return {
    action: 'update',
    fields,
    reason: reasons.join(', then '),
    ...(destructive ? { destructive: true } : {}),
    notes: [`gated and drained: ${d.order}; cordoned, drained (PodDisruptionBudgets honoured), rebooted, ${back} and Ready, uncordoned`, ...notes],
  };
}

/** The releases to boot one after another; the same release with another schematic is one hop to it. */
function hopsOf(step: Step<UpgradeDesired>, v: { talos: string; schematic?: string; kubelet?: string }): string[] {
  if (upToDate(step.desired, v)) return [];
  const { hops } = routeOf(step, v);
  return hops.length ? hops : [step.desired.version];
}

/** The upgrade path, refused (a positioned error) where Talos or the running Kubernetes do not allow it. */
function routeOf(step: Step<UpgradeDesired>, v: { talos: string; kubelet?: string }): { hops: string[]; downgrade: boolean } {
  const d = step.desired;
  const path = talosPath(v.talos, d.version);
  if (!path.ok) throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.talos.version', message: `${step.id}: ${path.reason}`, hint: path.hint });
  const stuck = v.kubelet === undefined ? undefined : path.hops.find((hop) => !talosRunsKubernetes(hop, v.kubelet!));
  if (stuck) {
    throw new CtoError({
      severity: 'error',
      stepId: step.id,
      path: 'spec.talos.version',
      message: `${step.id}: Talos ${stuck} does not run Kubernetes ${v.kubelet}, which the node runs`,
      hint: 'upgrade Kubernetes (spec.talos.kubernetesVersion) one minor at a time first, or pick a Talos release that runs it',
    });
  }
  return path;
}

async function bootId_(talosctl: Talosctl, ip: string): Promise<string | undefined> {
  return (await talosctl.read(ip, '/proc/sys/kernel/random/boot_id').catch(() => undefined))?.trim();
}

/** Waits for the authenticated API, then reads the versions afresh. */
async function waitAnswering(step: Step<UpgradeDesired>, ctx: StepContext, talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  forgetNodeVersions(ctx, ip);
  const read = await pollUntil(
    () => readNow(talosctl, ip).catch((err: Error) => err),
    (v) => ({ done: !(v instanceof Error), message: v instanceof Error ? `waiting for the Talos API (${v.message})` : `runs ${v.talos}` }),
    { stepId: step.id, what: `Talos API at ${ip}`, signal: ctx.signal, timeoutMs: REBOOT_TIMEOUT_MS, intervalMs: 1_000, progress: ctx.progress },
  );
  return read as NodeVersions;
}

/** Waits until the node booted again (a new boot ID), runs (stage `running`) and answers with its versions. */
async function waitRebooted(step: Step<UpgradeDesired>, ctx: StepContext, talosctl: Talosctl, ip: string, before: string | undefined): Promise<NodeVersions> {
  forgetNodeVersions(ctx, ip);
  const state = await pollUntil(
    async () => {
      const boot = await bootId_(talosctl, ip);
      if (boot === undefined || boot === before) return { message: boot === undefined ? 'rebooting' : 'installing', versions: undefined };
      const probe = await probeNode(talosctl, ip, step.id, true).catch(() => ({ mode: 'unreachable' as const }));
      if (probe.mode !== 'configured' || probe.stage !== 'running') return { message: `booting (${probe.mode === 'configured' ? probe.stage : probe.mode})`, versions: undefined };
      return { message: 'running', versions: await readNow(talosctl, ip).catch(() => undefined) };
    },
    (s) => ({ done: s.versions !== undefined, message: s.message }),
    { stepId: step.id, what: `${step.desired.node} to reboot into its new release`, signal: ctx.signal, timeoutMs: REBOOT_TIMEOUT_MS, intervalMs: 1_000, progress: ctx.progress },
  );
  return state.versions!;
}
