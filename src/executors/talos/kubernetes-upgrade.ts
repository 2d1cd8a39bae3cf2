import { pollUntil } from '../../time/poll.js';
import { TalosError } from '../../clients/talos/errors.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { render, type ConfigDesired } from './config.js';
import { serverAddress } from '../latitude/addresses.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from './talosctl-for.js';
import { forgetNodeVersions, readNodeVersions, readNow } from './node-versions.js';
import { observeNode } from './node-reads.js';
import { waitNodeReady } from './upgrade-gates.js';
import { kubernetesPath, talosRunsKubernetes } from './upgrade-path.js';
import { KUBERNETES_IMAGE_PATHS, withFieldsFrom } from './version-fields.js';

export interface KubernetesUpgradeDesired {
  version: string;
  nodes: ConfigDesired[];
}

export interface NodeKubernetes {
  node: string;
  role: 'controlplane' | 'worker';
  /** The kubelet's version; on control planes also the API server's (the components move together). */
  kubelet?: string;
  apiServer?: string;
}

export interface KubernetesUpgradeObserved {
  nodes: NodeKubernetes[];
}

const NODE_TIMEOUT_MS = 15 * 60_000;

/**
 * `kubernetes/upgrade`: after every Talos upgrade, the cluster's Kubernetes moves to the spec's
 * version the way `talosctl upgrade-k8s` does it (`pkg/cluster/kubernetes/talos_managed.go`
 * `Upgrade`): the control-plane components node by node, then each kubelet, each a machine-config
 * change Talos applies without a reboot (`patch.go` `patchNodeConfig`, mode `no-reboot`). cto
 * applies those fields itself rather than run upgrade-k8s: upgrade-k8s also waits on static pods
 * through the Kubernetes API, which the test world cannot run (testenv/talos-node-sim/BEHAVIOUR.md).
 * One minor at a time, never down (refused at plan time).
 */
export const kubernetesUpgrade: StepKind<KubernetesUpgradeDesired, KubernetesUpgradeObserved> = {
  kind: 'kubernetes.upgrade',

  async observe(step, ctx): Promise<Observation<KubernetesUpgradeObserved>> {
    if (!(await ctx.state.exists(TALOSCONFIG_FILE))) return { state: 'unknown', reason: 'no running cluster yet' };
    const talosctl = await talosctlFor(ctx);
    // Every node asked at once, so the shared reads answer them in one talosctl round; one node
    // after another, a node whose answer the round already gave another step starts a round of its own.
    const read = async (n: KubernetesUpgradeDesired['nodes'][number]): Promise<NodeKubernetes | undefined> => {
      const ip = serverAddress(ctx, n.node);
      if (!ip || (await observeNode(ctx, ip, step.id)).mode !== 'configured') return undefined;
      const v = await readNodeVersions(ctx, talosctl, ip);
      return { node: n.node, role: n.role, ...(v.kubelet ? { kubelet: v.kubelet } : {}), ...(v.apiServer ? { apiServer: v.apiServer } : {}) };
    };
    const nodes = (await Promise.all(step.desired.nodes.map(read))).filter((n): n is NodeKubernetes => n !== undefined);
    return nodes.length ? { state: 'present', value: { nodes } } : { state: 'unknown', reason: 'no node runs its config yet' };
  },

  diff(step, obs, ctx): Change {
    return kubernetesChange(step, obs, ctx.spec.spec.talos.version);
  },

  async apply(step, _change, ctx): Promise<KubernetesUpgradeObserved> {
    const talosctl = await talosctlFor(ctx);
    const ordered = [...step.desired.nodes.filter((n) => n.role === 'controlplane'), ...step.desired.nodes.filter((n) => n.role === 'worker')];
    const out: NodeKubernetes[] = [];
    for (const n of ordered) {
      const ip = serverAddress(ctx, n.node);
      if (!ip) continue;
      out.push(await upgradeNode(step, ctx, talosctl, n, ip));
    }
    return { nodes: out };
  },

  limits: { retry: { attempts: 3, baseMs: 2_000, maxMs: 30_000 } },
  retryable: (err) => err instanceof TalosError && err.retryable,
};

const behind = (n: NodeKubernetes, version: string) => n.kubelet !== version || (n.role === 'controlplane' && n.apiServer !== version);

/** Pure: the plan's view of the cluster's Kubernetes upgrade; a path Kubernetes refuses fails the plan. */
export function kubernetesChange(step: Step<KubernetesUpgradeDesired>, obs: Observation<KubernetesUpgradeObserved>, talosVersion: string): Change {
  const want = step.desired.version;
  if (obs.state !== 'present') return noop(`Kubernetes ${want} is installed with each node's config`);
  const late = obs.value.nodes.filter((n) => behind(n, want));
  if (late.length === 0) return noop(`every node runs Kubernetes ${want}`);
  const versions = late.flatMap((n) => [n.kubelet, n.apiServer]).filter((v): v is string => v !== undefined && v !== want);
  for (const from of new Set(versions)) {
    const path = kubernetesPath(from, want);
    if (!path.ok) throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.talos.kubernetesVersion', message: `${step.id}: ${path.reason}`, hint: path.hint });
  }
  if (!talosRunsKubernetes(talosVersion, want)) {
    throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.talos.kubernetesVersion', message: `${step.id}: Talos ${talosVersion} does not run Kubernetes ${want}`, hint: 'pick a Kubernetes release within the Talos release’s support range' });
  }
  const fields: FieldDiff[] = late.map((n) => ({ path: `kubernetes.${n.node}`, before: n.role === 'controlplane' && n.apiServer !== want ? n.apiServer : n.kubelet, after: want }));
  const from = [...new Set(versions)].join(', ');
  return {
    action: 'update',
    fields,
    reason: `upgrade Kubernetes ${from} → ${want}: control-plane components node by node, then every kubelet (no reboot)`,
    notes: [`after the Talos upgrades; nodes: ${late.map((n) => n.node).join(', ')}`],
  };
}

/** One node: its rendered Kubernetes images into the config it runs (mode no-reboot), then back on the version and Ready. */
async function upgradeNode(step: Step<KubernetesUpgradeDesired>, ctx: StepContext, talosctl: Talosctl, n: ConfigDesired, ip: string): Promise<NodeKubernetes> {
  const want = step.desired.version;
  const now = await readNow(talosctl, ip);
  const done = (v: { kubelet?: string; apiServer?: string }) => !behind({ node: n.node, role: n.role, ...v }, want);
  if (!done(now)) {
    const rendered = await render({ id: step.id, desired: n }, ctx, talosctl);
    const running = await talosctl.machineConfig(ip);
    const intent = await ctx.journal.begin(step.id, 'apply-config', { node: n.node, address: ip, mode: 'no-reboot', kubernetes: want });
    ctx.progress(`${n.node}: Kubernetes ${now.apiServer ?? now.kubelet} → ${want}`);
    await talosctl.applyConfig(ip, withFieldsFrom(running, rendered.config, KUBERNETES_IMAGE_PATHS), 'no-reboot');
    await ctx.journal.complete(intent);
    forgetNodeVersions(ctx, ip);
    await pollUntil(() => readNow(talosctl, ip).catch(() => undefined), (v) => ({ done: v !== undefined && done(v), message: `runs ${v?.kubelet ?? '?'}` }), {
      stepId: step.id,
      what: `${n.node} on Kubernetes ${want}`,
      signal: ctx.signal,
      timeoutMs: NODE_TIMEOUT_MS,
      intervalMs: 1_000,
      progress: ctx.progress,
    });
  }
  await waitNodeReady(ctx, { stepId: step.id, node: n.node, hostname: n.hostname, role: n.role, ip }, NODE_TIMEOUT_MS);
  return { node: n.node, role: n.role, kubelet: want, ...(n.role === 'controlplane' ? { apiServer: want } : {}) };
}
