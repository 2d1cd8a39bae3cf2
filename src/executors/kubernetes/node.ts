import { KubeReadiness } from '../../clients/kube/readiness.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import { clusterNodes } from '../../planner/nodes.js';
import { SharedRead } from '../batched-read.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { readSecretFile } from '../secret-files.js';
import { observeNode } from '../talos/node-reads.js';
import type { Observation } from '../../state/observations.js';
import { KUBECONFIG_FILE } from '../../state/files.js';
import { serverAddress } from '../latitude/addresses.js';

export interface NodeDesired {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
}

export interface NodeOutput {
  name: string;
  ready: boolean;
  /** The node's Talos stage (`running` once its boot sequence ended), or why it is not known. */
  stage: string;
}

export const NODE_TIMEOUT_MS = 15 * 60_000;

/**
 * A node has joined the cluster: Talos finished booting it (stage `running`: a control plane's
 * boot waits until its etcd is bootstrapped or joined, a worker's until its kubelet is up) and
 * its kubelet registered a Node, named after the hostname, that is Ready (which needs the CNI).
 */
export const kubernetesNode: StepKind<NodeDesired, NodeOutput> = {
  kind: 'kubernetes.node',

  async observe(step, ctx) {
    const [node, stage] = await Promise.all([nodeOf(ctx, step.id, step.desired.hostname), talosStage(step, ctx)]);
    if (!node.exists) return { state: 'absent' };
    return { state: 'present', value: { name: step.desired.hostname, ready: node.ready, stage } };
  },

  diff(step, observed: Observation<NodeOutput>): Change {
    if (observed.state !== 'present') return { action: 'create', fields: [], reason: `wait for Node ${step.desired.hostname} to register and turn Ready, and Talos to run` };
    const waits = pending(observed.value);
    if (waits.length === 0) return noop(`Node ${observed.value.name} Ready, Talos running`);
    return { action: 'update', fields: [], reason: `wait for ${waits.join(' and ')}` };
  },

  async apply(step, _change, ctx) {
    const name = step.desired.hostname;
    // Only waits: no parallelism slot while the node boots and registers.
    ctx.releaseLimits();
    const observed = await pollUntil(
      async () => {
        const [node, stage] = await Promise.all([nodeOf(ctx, step.id, name).catch((err: Error) => ({ exists: false as const, error: err.message })), talosStage(step, ctx)]);
        return { name, stage, ready: node.exists && node.ready, registered: node.exists, error: 'error' in node ? node.error : undefined };
      },
      (o) => {
        const waits = o.registered ? pending(o) : [`Node ${name} to register${o.error ? ` (${o.error})` : ''}`, ...pending({ ...o, ready: true })];
        return { done: waits.length === 0, message: waits.length ? `waiting for ${waits.join(' and ')}` : 'Ready' };
      },
      { stepId: step.id, what: `Node ${name}`, signal: ctx.signal, timeoutMs: NODE_TIMEOUT_MS, intervalMs: 1_000, progress: (m) => ctx.progress(m) },
    );
    return { name, ready: observed.ready, stage: observed.stage };
  },

  limits: { timeoutMs: NODE_TIMEOUT_MS + 60_000 },
};

function pending(o: NodeOutput): string[] {
  return [...(o.stage === 'running' ? [] : [`Talos to run (stage ${o.stage})`]), ...(o.ready ? [] : [`Node ${o.name} to turn Ready`])];
}

async function talosStage(step: Step<NodeDesired>, ctx: StepContext): Promise<string> {
  const ip = serverAddress(ctx, step.desired.node);
  if (!ip) return 'unknown';
  const state = await observeNode(ctx, ip, step.id);
  return state.mode === 'configured' ? state.stage : state.mode;
}

/** The run's one client of the cluster's API for the node steps (a missing kubeconfig is not remembered). */
function apiFor(ctx: StepContext, stepId: string): Promise<KubeReadiness> {
  return ctx.cache.once('talos:kube-readiness', async () => {
    const kubeconfig = await readSecretFile(ctx, KUBECONFIG_FILE);
    if (kubeconfig === undefined) {
      throw new CtoError({ severity: 'error', stepId, message: `${stepId}: no cluster kubeconfig in the state folder yet`, hint: 'kubernetes/api fetches it; run cto apply' });
    }
    return new KubeReadiness(kubeconfig);
  });
}

type NodeRead = { exists: false } | { exists: true; ready: boolean };

/**
 * A Node by name from one list of the cluster's Nodes shared by every node step asking at the same
 * moment (a plan, a poll tick); when that list fails, the Node is read alone, which reports the error.
 */
async function nodeOf(ctx: StepContext, stepId: string, name: string): Promise<NodeRead> {
  const api = await apiFor(ctx, stepId);
  const shared = await ctx.cache.once('talos:kube-nodes', async () => {
    const wanted = () => clusterNodes(ctx.spec).map((n) => n.hostname);
    return new SharedRead<NodeRead>(async (names) => {
      const nodes = await api.nodes();
      return new Map(names.map((n) => [n, nodes.has(n) ? { exists: true, ready: nodes.get(n)!.ready } : { exists: false }]));
    }, wanted, 1_000);
  });
  return (await shared.read(name)) ?? api.node(name);
}
