import { pollUntil } from '../../time/poll.js';
import { envConfig } from '../../config/env.js';
import { mayastorVolumes, unhealthyVolumes, type VolumeHealth } from '../../clients/mayastor/volumes.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';
import type { StepContext } from '../step-kind.js';
import { clusterKube } from '../kubernetes/cluster-kube.js';
import { controlPlaneAddresses } from '../latitude/addresses.js';
import { KUBECONFIG_FILE } from '../../state/files.js';
import { readSecretFile } from '../secret-files.js';
import { drainNode } from '../kubernetes/node-retire.js';

/** How long a gate waits for the cluster to become safe before the rollout stops. */
export const GATE_TIMEOUT_MS = 30 * 60_000;

export interface GateTarget {
  stepId: string;
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
  ip: string;
}

/** Pure: whether etcd keeps its quorum while `member` is down, given the members whose etcd runs. */
export function quorumWithout(members: number, healthyOthers: number): boolean {
  return healthyOthers > members / 2;
}

/**
 * A control plane goes down only while etcd keeps its quorum without it: more than half of the
 * members must be healthy on the other control planes. A lone control plane has nothing to keep
 * (the API is down while it reboots, as the plan says); two members can never spare one, which
 * Talos itself refuses (`internal/pkg/etcd/etcd.go` `ValidateForUpgrade`).
 */
export async function waitEtcdQuorumWithout(ctx: StepContext, talosctl: Talosctl, t: GateTarget): Promise<void> {
  if (t.role !== 'controlplane') return;
  const others = controlPlaneAddresses(ctx).filter((cp) => cp.node !== t.node);
  if (others.length === 0) return;
  await pollUntil(
    async () => {
      const members = await talosctl.etcdMembers(t.ip).catch(() => undefined);
      const states = await Promise.all(others.map((cp) => talosctl.serviceState(cp.ip, 'etcd').catch(() => 'unreachable')));
      return { members: members?.length ?? others.length + 1, healthy: states.filter((s) => s === 'Running').length };
    },
    (s) => ({
      done: quorumWithout(s.members, s.healthy),
      message: `etcd: ${s.healthy} of ${s.members} members healthy without ${t.node}; ${Math.floor(s.members / 2) + 1} keep quorum`,
      ...(s.members === 2 ? { failed: `etcd has 2 members: either one down loses quorum (add a third control plane first)` } : {}),
    }),
    { stepId: t.stepId, what: `etcd quorum without ${t.node}`, signal: ctx.signal, timeoutMs: GATE_TIMEOUT_MS, intervalMs: 2_000, progress: ctx.progress },
  );
}

/**
 * No node goes down while a Mayastor volume is degraded or rebuilding: its remaining replicas may
 * be on that node. Waits, with the volumes named in the progress, until every volume is Online.
 */
export async function waitVolumesHealthy(ctx: StepContext, t: GateTarget): Promise<void> {
  if (!ctx.spec.spec.storage?.mayastor) return;
  await readSecretFile(ctx, KUBECONFIG_FILE);
  const { mayastorApi } = envConfig(ctx.env);
  const read = () => mayastorVolumes({ kubeconfigPath: ctx.state.path(KUBECONFIG_FILE), signal: ctx.signal, ...(mayastorApi ? { baseUrl: mayastorApi } : {}) });
  await pollUntil(read, (volumes) => volumeCheck(volumes), {
    stepId: t.stepId,
    what: `Mayastor volumes healthy before ${t.node} goes down`,
    signal: ctx.signal,
    timeoutMs: GATE_TIMEOUT_MS,
    intervalMs: 2_000,
    progress: ctx.progress,
  });
}

/** Pure: the gate's verdict on the volumes read (undefined: no Mayastor API, nothing to protect). */
export function volumeCheck(volumes: VolumeHealth[] | undefined): { done: boolean; message: string } {
  if (volumes === undefined) return { done: true, message: 'no Mayastor API' };
  const bad = unhealthyVolumes(volumes);
  if (bad.length === 0) return { done: true, message: `${volumes.length} volume${volumes.length === 1 ? '' : 's'} Online` };
  return { done: false, message: `waiting for ${bad.map((v) => `${v.id} ${v.rebuilding ? 'rebuilding' : v.status}`).join(', ')}` };
}

const nodeRef = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

/** Cordons the Node and evicts its pods (PodDisruptionBudgets honoured, blocking pods named on timeout). */
export async function cordonAndDrain(ctx: StepContext, t: GateTarget, timeoutMs: number): Promise<void> {
  const kube = await clusterKube(ctx, t.stepId);
  if (!(await kube.get(nodeRef(t.hostname)))) return;
  await kube.mergePatch(nodeRef(t.hostname), { spec: { unschedulable: true } });
  ctx.progress(`cordoned ${t.hostname}`);
  await drainNode(t.stepId, t.hostname, ctx, timeoutMs);
}

export async function uncordon(ctx: StepContext, t: GateTarget): Promise<void> {
  const kube = await clusterKube(ctx, t.stepId);
  if (!(await kube.get(nodeRef(t.hostname)))) return;
  await kube.mergePatch(nodeRef(t.hostname), { spec: { unschedulable: null } });
  ctx.progress(`uncordoned ${t.hostname}`);
}

/** The Node is registered and its Ready condition is True. */
export async function waitNodeReady(ctx: StepContext, t: GateTarget, timeoutMs: number): Promise<void> {
  const kube = await clusterKube(ctx, t.stepId);
  await pollUntil(
    () => kube.get(nodeRef(t.hostname)).catch(() => undefined),
    (n) => {
      const ready = ((n?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      return { done: ready, message: n ? (ready ? 'Ready' : 'not Ready') : 'not registered' };
    },
    { stepId: t.stepId, what: `Node ${t.hostname} Ready`, signal: ctx.signal, timeoutMs, intervalMs: 1_000, progress: ctx.progress },
  );
}

/** The rollback error: a node that booted its old version again; the rollout stops there. */
export function rolledBack(t: GateTarget, wanted: string, running: string): CtoError {
  return new CtoError({
    severity: 'error',
    stepId: t.stepId,
    message: `${t.stepId}: ${t.node} (${t.ip}) came back on Talos ${running} instead of ${wanted}: the new image failed to boot and Talos rolled back to the previous one; the rollout stops here and no other node was touched`,
    hint: `${t.hostname} stays cordoned; check its console or \`talosctl -n ${t.ip} dmesg\`, fix spec.talos (version or schematic) and run cto apply again, or \`kubectl uncordon ${t.hostname}\` to keep it on ${running}`,
  });
}
