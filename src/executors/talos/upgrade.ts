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
import { cordonAndDrain, rolledBack, uncordon, waitEtcdQuorumWithout, waitNodeReady, waitVolumesHealthy, type GateTarget } from './upgrade-gates.js';
import { talosPath, talosRunsKubernetes } from './upgrade-path.js';

export interface UpgradeDesired {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
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
}

/** A reboot into a new release, on real hardware, with its installer pull: minutes; a stuck one fails. */
const REBOOT_TIMEOUT_MS = 30 * 60_000;

/** The Image Factory installer of a release for a schematic: the image iPXE boots, so extensions are kept. */
export function factoryInstaller(schematic: string, version: string): string {
  return `factory.talos.dev/installer/${schematic}:${version}`;
}

/**
 * `talos/upgrade/<node>`: a running node whose Talos release or schematic differs from the spec is
 * upgraded in place with `talosctl upgrade` (A/B: its data and config stay), hop by hop along the
 * upgrade path. Each hop: etcd keeps quorum without it, Mayastor volumes are healthy, the Node is
 * cordoned and drained; after the reboot it must report the new release (else Talos rolled back and
 * the rollout stops) and be Ready; then it is uncordoned. Control planes go one at a time, then
 * workers (the order is in the step graph: `planner/upgrade-order.ts`).
 */
export const talosUpgrade: StepKind<UpgradeDesired, UpgradeObserved> = {
  kind: 'talos.upgrade',

  async observe(step, ctx): Promise<Observation<UpgradeObserved>> {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip || !(await ctx.state.exists(TALOSCONFIG_FILE))) return { state: 'unknown', reason: `known after talos/config/${step.desired.node} is applied` };
    const talosctl = await talosctlFor(ctx);
    const state = await observeNode(ctx, ip, step.id);
    if (state.mode !== 'configured') return { state: 'unknown', reason: `known after talos/config/${step.desired.node} is applied (node ${state.mode})` };
    return { state: 'present', value: observed(ip, await readNodeVersions(ctx, talosctl, ip)) };
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
    for (const intent of await ctx.journal.pending(step.id)) {
      const { to, bootId } = intent.details as { to?: string; bootId?: string };
      const booted = (await bootId_(talosctl, ip)) !== bootId;
      await ctx.journal.complete(intent.id, { recovered: now.talos });
      if (booted && to !== undefined && now.talos !== to) throw rolledBack(target, to, now.talos);
    }

    const drainMs = (ctx.spec.spec.upgrade?.drainTimeoutSeconds ?? 600) * 1000;
    if (!upToDate(d, now)) {
      const path = routeOf(step, now);
      const hops = path.hops.length ? path.hops : [d.version];
      for (const [i, hop] of hops.entries()) {
        const image = factoryInstaller(d.schematic, hop);
        ctx.progress(`hop ${i + 1}/${hops.length}: Talos ${now.talos} → ${hop}: checking etcd quorum`);
        await waitEtcdQuorumWithout(ctx, talosctl, target);
        await waitVolumesHealthy(ctx, target);
        ctx.progress(`hop ${i + 1}/${hops.length}: cordon and drain ${d.hostname}`);
        await cordonAndDrain(ctx, target, drainMs);
        const before = await bootId_(talosctl, ip);
        const intent = await ctx.journal.begin(step.id, 'upgrade', { node: d.node, address: ip, from: now.talos, to: hop, image, bootId: before });
        ctx.progress(`hop ${i + 1}/${hops.length}: talosctl upgrade --image ${image}`);
        await talosctl.upgrade(ip, image);
        now = await waitRebooted(step, ctx, talosctl, ip, before);
        await ctx.journal.complete(intent, { running: now.talos });
        if (now.talos !== hop) throw rolledBack(target, hop, now.talos);
        await waitNodeReady(ctx, target, REBOOT_TIMEOUT_MS);
      }
    }
    await waitNodeReady(ctx, target, REBOOT_TIMEOUT_MS);
    await uncordon(ctx, target);
    forgetNodeVersions(ctx, ip);
    return observed(ip, now);
  },

  limits: {
    concurrencyKey: (step) => `talos:${step.desired.node}`,
    retry: { attempts: 3, baseMs: 2_000, maxMs: 30_000 },
  },

  retryable: (err) => err instanceof TalosError && err.retryable,
};

function observed(ip: string, v: NodeVersions): UpgradeObserved {
  return { address: ip, talos: v.talos, ...(v.schematic ? { schematic: v.schematic } : {}), ...(v.kubelet ? { kubelet: v.kubelet } : {}) };
}

const upToDate = (d: UpgradeDesired, v: { talos: string; schematic?: string }) => v.talos === d.version && (v.schematic ?? d.schematic) === d.schematic;

/** Pure: the plan's view of one node's upgrade. */
export function upgradeChange(step: Step<UpgradeDesired>, obs: Observation<UpgradeObserved>): Change {
  const d = step.desired;
  if (obs.state !== 'present') return noop(`Talos ${d.version} is installed with the node's config (${obs.state === 'unknown' ? obs.reason : 'not configured'})`);
  const v = obs.value;
  if (upToDate(d, v)) return noop(`runs Talos ${v.talos} (schematic ${d.schematic.slice(0, 12)})`);
  const path = routeOf(step, v);
  const fields: FieldDiff[] = [];
  if (v.talos !== d.version) fields.push({ path: 'talos.version', before: v.talos, after: d.version });
  if (v.schematic !== d.schematic) fields.push({ path: 'talos.schematic', before: v.schematic ?? '(none)', after: d.schematic });
  const via = path.hops.length > 1 ? ` via ${path.hops.slice(0, -1).join(', ')}` : '';
  const what = path.downgrade ? 'downgrade' : v.talos === d.version ? 'reinstall the schematic' : 'upgrade';
  return {
    action: 'update',
    fields,
    reason: `${what} Talos in place ${v.talos} → ${d.version}${via} (talosctl upgrade, ${factoryInstaller(d.schematic, d.version)})`,
    ...(path.downgrade ? { destructive: true } : {}),
    notes: [
      ...(path.hops.length > 1 ? [`upgrade path: ${[v.talos, ...path.hops].join(' → ')} (the latest patch of each minor)`] : []),
      `gated and drained: ${d.order}; cordoned, drained (PodDisruptionBudgets honoured), rebooted, back on ${d.version} and Ready, uncordoned`,
      ...(path.downgrade ? ['a downgrade: the older release may not read what the newer one wrote (etcd, config contract)'] : []),
    ],
  };
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
