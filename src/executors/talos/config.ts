import { TalosError } from '../../clients/talos/errors.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import { addr } from '../../planner/address.js';
import { BOOTSTRAP_NODE, clusterNodes } from '../../planner/nodes.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { configChangeNotes, diffMachineConfigs } from './config-diff.js';
import { requireSecrets } from '../secret-files.js';
import { digest, readAppliedConfig, renderInputsDigest, writeAppliedConfig } from './applied-config.js';
import { observeNode, runningConfig } from './node-reads.js';
import type { NodeRole } from './patches.js';
import type { NodeState } from './probe.js';
import { renderNodeConfig } from './render.js';
import { vlanParent } from './vlan-parent.js';
import { addEndpoint, ensureTalosconfig } from './talosconfig.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';
import { SECRETS_FILE, TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor, talosctlVersion } from './talosctl-for.js';
import { serverAddress } from '../latitude/addresses.js';
import { VERSION_PATHS, withFieldsFrom } from './version-fields.js';

export type ConfigDesired = NodeRole;

export interface ConfigOutput {
  address: string;
  stage: string;
  /** Fields where the running config differs from the rendered one (key material marked sensitive). */
  drift?: FieldDiff[];
  /** What Talos says applying the drift does (`talosctl apply-config --dry-run --mode auto`). */
  effect?: ApplyEffect;
}

/** Installing to disk and rebooting into the installed system takes minutes on real hardware. */
export const INSTALL_TIMEOUT_MS = 30 * 60_000;

/**
 * Stages of a node that runs its installed config and answers with our certificates. A fresh
 * control plane stays `booting` until `talos/bootstrap` (its boot sequence waits for etcd), so
 * waiting for `running` here would wait for a later step: `node/<name>` waits for that.
 */
const CONFIGURED_STAGES = new Set(['booting', 'running']);

/**
 * One node's machine config: rendered from the spec, applied in maintenance
 * mode (install) or, on a configured node, when it drifted; done when the
 * node's authenticated API answers in stage `booting` or `running`.
 */
export const talosConfig: StepKind<ConfigDesired, ConfigOutput> = {
  kind: 'talos.config',

  async observe(step, ctx) {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip) return { state: 'unknown', reason: `known after server/${step.desired.node} exists` };
    const talosctl = await talosctlFor(ctx);
    if (!(await ctx.state.exists(TALOSCONFIG_FILE)) && (await ctx.state.exists(SECRETS_FILE))) {
      // A configured node can only be read with the talosconfig; it is derived from the secrets, so restore it.
      await ensureTalosconfig(ctx, await talosconfigOf(step, ctx, talosctl));
    }
    const state = await observeNode(ctx, ip, step.id);
    if (state.mode === 'maintenance') return { state: 'absent' };
    if (state.mode === 'unreachable') return { state: 'unknown', reason: `Talos API at ${ip} does not answer yet (${state.reason})` };
    const running = await runningConfig(ctx, ip);
    const parent = await vlanParent(ctx, step.id, step.desired.node, ip);
    // Unchanged inputs and the config the last apply left running: nothing to render or diff.
    const applied = await readAppliedConfig(ctx, step.desired.node);
    // A control plane still to come adds its addresses to every certificate: the config changes once it exists.
    const coming = clusterNodes(ctx.spec).filter((n) => n.role === 'controlplane' && !serverAddress(ctx, n.name)).map((n) => `server/${n.name}`);
    if (coming.length === 0 && applied && applied.inputs === (await inputsDigest(step, ctx, parent)) && applied.running === digest(running)) {
      return { state: 'present', value: { address: ip, stage: state.stage, drift: [] } };
    }
    const rendered = await render(step, ctx, talosctl, parent);
    const { drift, effect } = await classify(talosctl, ip, rendered.config, running);
    if (coming.length) drift.push({ path: 'cluster.apiServer.certSANs', after: `+ the addresses of ${coming.join(', ')} (known after they exist)` });
    return { state: 'present', value: { address: ip, stage: state.stage, drift, ...(effect ? { effect } : {}) } };
  },

  diff(step, observed: Observation<ConfigOutput>): Change {
    switch (observed.state) {
      case 'unknown':
        return { action: 'create', fields: [], reason: `apply the ${step.desired.role} config and install Talos; ${observed.reason}` };
      case 'absent':
        return { action: 'create', fields: [], reason: `node is in maintenance mode: apply the ${step.desired.role} config, install Talos and reboot` };
      case 'present': {
        const drift = observed.value.drift ?? [];
        if (drift.length === 0) {
          if (CONFIGURED_STAGES.has(observed.value.stage)) return { action: 'noop', fields: [], reason: `config up to date, node ${observed.value.stage}` };
          return { action: 'update', fields: [], reason: `config up to date; node is ${observed.value.stage}, wait until it boots` };
        }
        const effect = observed.value.effect;
        if (effect === 'reboot') {
          return noop(`the running config's changes from the spec need a reboot (${fieldCount(drift.length)}): ${addr.talosUpgrade(step.desired.node)} applies them, gated and in rolling order`);
        }
        const notes = effect ? [EFFECT_NOTES[effect], ...configChangeNotes(drift).filter((n) => !n.startsWith('node may reboot: some changed'))] : configChangeNotes(drift);
        return {
          action: 'update',
          fields: drift,
          reason: `running config differs from the spec in ${fieldCount(drift.length)}; apply without a reboot`,
          ...(notes.length ? { notes } : {}),
        };
      }
    }
  },

  async apply(step, _change, ctx) {
    const node = step.desired.node;
    const ip = serverAddress(ctx, node);
    if (!ip) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: server/${node} has no address yet` });
    const talosctl = await talosctlFor(ctx);
    // The talosconfig first (reading a configured node needs it); the config once the node's links are read.
    await ensureTalosconfig(ctx, await talosconfigOf(step, ctx, talosctl));
    /** A change that needs a reboot, left to the node's rolling step. */
    let deferred: FieldDiff[] = [];

    // A node that does not answer may be installing or rebooting (an earlier apply got through): wait for it.
    const state = await pollUntil(
      () => observeNode(ctx, ip, step.id),
      (s) => ({ done: s.mode !== 'unreachable', message: s.mode === 'unreachable' ? `waiting for the Talos API (${s.reason})` : s.mode }),
      { stepId: step.id, what: `Talos API at ${ip}`, signal: ctx.signal, timeoutMs: INSTALL_TIMEOUT_MS, intervalMs: 1_000, progress: (m) => ctx.progress(m) },
    );
    const rendered = await render(step, ctx, talosctl, await vlanParent(ctx, step.id, node, ip));
    if (state.mode === 'maintenance') {
      ctx.progress(`applying ${step.desired.role} config in maintenance mode`);
      await journaled(ctx, step.id, { node, address: ip, mode: 'maintenance' }, () =>
        applyOrExplain(step, ctx, talosctl, ip, () => talosctl.applyConfigInsecure(ip, rendered.config)),
      );
    } else {
      const change = await pendingConfig(step, ctx, talosctl, ip);
      if (change.effect === 'reboot') {
        deferred = change.drift;
        ctx.progress(`changes that need a reboot (${fieldCount(deferred.length)}): ${addr.talosUpgrade(node)} applies them, gated and in rolling order`);
      } else if (change.drift.length > 0) {
        ctx.progress(`applying config changes (${fieldCount(change.drift.length)}) without a reboot`);
        // `no-reboot`, not `auto`: a change that turned reboot-needing since the dry run is refused, never rebooted ungated.
        await journaled(ctx, step.id, { node, address: ip, mode: 'no-reboot', fields: change.drift.map((f) => f.path) }, () =>
          applyOrExplain(step, ctx, talosctl, ip, () => talosctl.applyConfig(ip, change.config, 'no-reboot')),
        );
      }
    }
    // The node installs and reboots on its own now: waiting for it holds no parallelism slot.
    ctx.releaseLimits();
    const final = await waitConfigured(step, ctx, ip);
    if (step.desired.role === 'controlplane') await addEndpoint(ctx, ip);
    await recordApplied(step, ctx, talosctl, ip, rendered.config);
    return { address: ip, stage: final.stage, drift: deferred, ...(deferred.length ? { effect: 'reboot' as const } : {}) };
  },

  limits: {
    concurrencyKey: (step) => `talos:${step.desired.node}`,
    timeoutMs: INSTALL_TIMEOUT_MS + 5 * 60_000,
    retry: { attempts: 5, baseMs: 2_000, maxMs: 30_000 },
  },

  retryable: (err) => err instanceof TalosError && err.retryable,
};

/** The config cto renders for a node (cached per run). */
export async function render(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext, talosctl: Talosctl, parent?: string) {
  return renderNodeConfig(ctx, talosctl, step.desired, endpointOf(step, ctx), await requireSecrets(ctx, step.id), parent);
}

/**
 * The cluster's talosconfig, from one render per run: it takes the secrets and the endpoint, nothing of
 * the node, so the first node's render serves all. (A node's own config may wait for its VLAN parent link,
 * which is read through this talosconfig: rendering one per node for it cost a talosctl per node.)
 */
function talosconfigOf(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext, talosctl: Talosctl): Promise<string> {
  return ctx.cache.once(`talos:talosconfig:${endpointOf(step, ctx)}`, async () => (await render(step, ctx, talosctl)).talosconfig);
}

function endpointOf(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext): string {
  const endpointIp = serverAddress(ctx, BOOTSTRAP_NODE);
  if (!endpointIp) {
    throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: the cluster endpoint needs server/${BOOTSTRAP_NODE}'s address, which is not known yet` });
  }
  return endpointIp;
}

async function inputsDigest(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext, parent: string | undefined): Promise<string> {
  return renderInputsDigest(ctx, step.desired, endpointOf(step, ctx), await requireSecrets(ctx, step.id), await talosctlVersion(ctx), parent);
}

/** A configured node's config change: the drift from the rendered config and what Talos says applying it does. */
export interface PendingConfig {
  rendered: string;
  /** The rendered config with the versions the node runs: talos/upgrade and kubernetes/upgrade roll those out in order. */
  config: string;
  drift: FieldDiff[];
  /** `talosctl apply-config --dry-run --mode auto`'s verdict; absent without drift. */
  effect?: ApplyEffect;
}

export async function pendingConfig(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext, talosctl: Talosctl, ip: string): Promise<PendingConfig> {
  const rendered = (await render(step, ctx, talosctl, await vlanParent(ctx, step.id, step.desired.node, ip))).config;
  return { rendered, ...(await classify(talosctl, ip, rendered, await talosctl.machineConfig(ip))) };
}

async function classify(talosctl: Talosctl, ip: string, rendered: string, running: string): Promise<Omit<PendingConfig, 'rendered'>> {
  const drift = configDrift(running, rendered);
  const config = withFieldsFrom(rendered, running, VERSION_PATHS);
  if (drift.length === 0) return { config, drift };
  return { config, drift, effect: applyEffect(await talosctl.applyConfig(ip, config, 'auto', true)) };
}

export const fieldCount = (n: number) => `${n} field${n === 1 ? '' : 's'}`;

/**
 * Remembers what the node runs now that it runs our rendered config, so the next plan can skip
 * rendering: only when the running config has no drift from the rendered one.
 */
export async function recordApplied(step: Pick<Step<ConfigDesired>, 'id' | 'desired'>, ctx: StepContext, talosctl: Talosctl, ip: string, rendered: string): Promise<void> {
  const running = await talosctl.machineConfig(ip).catch(() => undefined);
  if (running === undefined || configDrift(running, rendered).length > 0) return;
  const parent = await vlanParent(ctx, step.id, step.desired.node, ip);
  await writeAppliedConfig(ctx, step.desired.node, { inputs: await inputsDigest(step, ctx, parent), running: digest(running) });
}

/** An intent left pending means the process died mid-apply; a refused apply is completed with its error. */
async function journaled(ctx: StepContext, stepId: string, details: Record<string, unknown>, fn: () => Promise<void>): Promise<void> {
  const intent = await ctx.journal.begin(stepId, 'apply-config', details);
  try {
    await fn();
  } catch (err) {
    await ctx.journal.complete(intent, { error: ctx.secrets.redact((err as Error).message) });
    throw err;
  }
  await ctx.journal.complete(intent);
}

/**
 * A config the node refuses (InvalidArgument: wrong install disk, bad
 * patch) is the user's to fix: show the node's own words, and for a missing
 * install disk the disks the node has.
 */
async function applyOrExplain(step: Step<ConfigDesired>, ctx: StepContext, talosctl: Talosctl, ip: string, apply: () => Promise<unknown>): Promise<void> {
  try {
    await apply();
  } catch (err) {
    if (!(err instanceof TalosError) || err.code !== 'InvalidArgument') throw err;
    let hint = 'fix the spec (spec.talos) and run cto apply again';
    if (/install disk/.test(err.message)) {
      const disks = await talosctl.disks(ip).then(
        (list) => list.map((d) => (d.spec as { dev_path?: string })?.dev_path ?? d.metadata.id).filter(Boolean),
        () => [] as string[],
      );
      hint = `set spec.talos.installDisk to one of the node's disks${disks.length ? `: ${disks.join(', ')}` : ` (talosctl get disks --insecure -n ${ip})`}`;
    }
    throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.talos', message: `${step.id}: the node at ${ip} refused its config: ${ctx.secrets.redact(err.message)}`, hint });
  }
}

export type ApplyEffect = 'no-reboot' | 'reboot' | 'staged';

/** Pure: the mode Talos' dry run reports (`Dry run summary: Applied configuration without a reboot …`). */
export function applyEffect(dryRun: string): ApplyEffect {
  if (/without a reboot/.test(dryRun)) return 'no-reboot';
  if (/Staged configuration/.test(dryRun)) return 'staged';
  return 'reboot';
}

const EFFECT_NOTES: Record<ApplyEffect, string> = {
  'no-reboot': 'applied without a reboot (talosctl apply-config --dry-run)',
  reboot: 'the node reboots to apply it (talosctl apply-config --dry-run)',
  staged: 'staged: takes effect at the next reboot (talosctl apply-config --dry-run)',
};

/** The drift this step owns: every field but the versions (see version-fields.ts). */
export function configDrift(running: string, rendered: string): FieldDiff[] {
  return diffMachineConfigs(running, rendered).filter((f) => !VERSION_PATHS.has(f.path));
}

async function waitConfigured(step: Step<ConfigDesired>, ctx: StepContext, ip: string): Promise<{ stage: string }> {
  const state = await pollUntil(
    // The whole probe, not only the authenticated read: right after apply the node may still serve its
    // maintenance certificate, which our talosconfig does not trust, and that is not a foreign cluster.
    (): Promise<NodeState> => observeNode(ctx, ip, step.id),
    (s) =>
      s.mode === 'configured'
        ? { done: CONFIGURED_STAGES.has(s.stage), message: `stage ${s.stage}` }
        : { done: false, message: s.mode === 'unreachable' ? `waiting for the Talos API (${s.reason})` : 'in maintenance mode' },
    { stepId: step.id, what: `Talos on ${ip} to boot its config`, signal: ctx.signal, timeoutMs: INSTALL_TIMEOUT_MS, intervalMs: 1_000, progress: (m) => ctx.progress(m) },
  );
  return { stage: state.mode === 'configured' ? state.stage : 'unknown' };
}
