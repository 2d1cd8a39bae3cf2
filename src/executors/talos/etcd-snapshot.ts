import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TalosError } from '../../clients/talos/errors.js';
import { noop, type Change } from '../../planner/change.js';
import type { Observation } from '../../state/observations.js';
import { clusterNodes } from '../../planner/nodes.js';
import { addr } from '../../planner/address.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { serverAddress } from '../latitude/addresses.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from './talosctl-for.js';
import { readNodeVersions } from './node-versions.js';
import { observeNode } from './node-reads.js';

export interface SnapshotDesired {
  node: string;
  keep: number;
  talosVersion: string;
  schematic: string;
  kubernetesVersion: string;
  /** The spec's digest: a config rollout at the same versions is a rollout of its own. */
  specDigest: string;
}

export interface SnapshotObserved {
  /** Nodes whose Talos or Kubernetes differs from the spec, or whose config needs a reboot: the rollout the snapshot protects. */
  pending: string[];
  /** The snapshot taken for this rollout, if any (state-folder name). */
  file?: string;
}

export const SNAPSHOT_DIR = 'etcd';

/** Snapshot names carry the rollout they were taken for, so a resumed apply finds its own. */
export function rolloutKey(d: SnapshotDesired): string {
  return `talos-${d.talosVersion}-${d.schematic.slice(0, 12)}-k8s-${d.kubernetesVersion}-spec-${d.specDigest.slice(0, 12)}`;
}

export const snapshotName = (d: SnapshotDesired, at: Date) => `${SNAPSHOT_DIR}/snapshot-${at.toISOString().replace(/[:.]/g, '-')}-${rolloutKey(d)}.db`;

/**
 * `etcd/snapshot`: before the first disruptive step of an apply (an in-place upgrade of Talos or
 * Kubernetes, a config change that needs a reboot), `talosctl etcd snapshot` from the bootstrap control plane into the state folder
 * (0600, the newest `spec.upgrade.etcdSnapshots` kept). One per rollout: a resumed apply finds the
 * snapshot it took by name and takes none.
 */
export const etcdSnapshot: StepKind<SnapshotDesired, SnapshotObserved> = {
  kind: 'talos.etcd-snapshot',

  async observe(step, ctx): Promise<Observation<SnapshotObserved>> {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip || !(await ctx.state.exists(TALOSCONFIG_FILE))) return { state: 'unknown', reason: 'no running cluster yet' };
    if ((await observeNode(ctx, ip, step.id)).mode !== 'configured') return { state: 'unknown', reason: `known after talos/config/${step.desired.node} is applied` };
    const pending = await pendingNodes(ctx, step.desired);
    const file = (await snapshots(ctx)).find((f) => f.endsWith(`-${rolloutKey(step.desired)}.db`));
    return { state: 'present', value: { pending, ...(file ? { file } : {}) } };
  },

  diff(step, obs): Change {
    if (obs.state !== 'present') return noop('nothing to snapshot before: the cluster is being built');
    if (obs.value.file) return noop(`snapshot for this rollout taken: ${obs.value.file}`);
    if (obs.value.pending.length === 0) return noop('no disruptive change planned');
    return {
      action: 'create',
      fields: [{ path: 'file', after: `${SNAPSHOT_DIR}/snapshot-<time>-${rolloutKey(step.desired)}.db` }],
      reason: `take an etcd snapshot before upgrading or rebooting ${obs.value.pending.join(', ')}`,
      notes: [`kept in the state folder (mode 0600), the newest ${step.desired.keep} kept`],
    };
  },

  async apply(step, _change, ctx): Promise<SnapshotObserved> {
    const ip = serverAddress(ctx, step.desired.node)!;
    const talosctl = await talosctlFor(ctx);
    const name = snapshotName(step.desired, new Date());
    const dir = await mkdtemp(join(tmpdir(), 'cto-etcd-'));
    try {
      const temp = join(dir, 'snapshot.db');
      ctx.progress(`talosctl etcd snapshot from ${step.desired.node}`);
      await talosctl.etcdSnapshot(ip, temp);
      await ctx.state.writeAtomic(name, await readFile(temp));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (const old of (await snapshots(ctx)).slice(0, -step.desired.keep)) await ctx.state.remove(old);
    ctx.progress(`etcd snapshot saved: ${ctx.state.path(name)}`);
    return { pending: await pendingNodes(ctx, step.desired), file: name };
  },

  limits: { retry: { attempts: 3, baseMs: 2_000, maxMs: 20_000 } },
  retryable: (err) => err instanceof TalosError && err.retryable,
};

/** Snapshot files in the state folder, oldest first (names start with their time). */
async function snapshots(ctx: StepContext): Promise<string[]> {
  return (await ctx.state.list()).filter((f) => f.startsWith(`${SNAPSHOT_DIR}/snapshot-`) && f.endsWith('.db'));
}

async function pendingNodes(ctx: StepContext, d: SnapshotDesired): Promise<string[]> {
  const talosctl = await talosctlFor(ctx);
  const nodes = clusterNodes(ctx.spec);
  // Every node asked at once: the shared reads answer them in one talosctl round (see kubernetes-upgrade.ts).
  const versions = await Promise.all(nodes.map((n) => serverAddress(ctx, n.name)).map((ip) => (ip ? readNodeVersions(ctx, talosctl, ip).catch(() => undefined) : undefined)));
  const out: string[] = [];
  nodes.forEach((n, i) => {
    const v = versions[i];
    if (!v) return;
    const k8s = n.role === 'controlplane' ? [v.kubelet, v.apiServer] : [v.kubelet];
    if (ctx.outputOf(addr.talosConfig(n.name))?.effect === 'reboot') out.push(n.name);
    else if (v.talos !== d.talosVersion || (v.schematic ?? d.schematic) !== d.schematic || k8s.some((x) => x !== undefined && x !== d.kubernetesVersion)) out.push(n.name);
  });
  return out;
}
