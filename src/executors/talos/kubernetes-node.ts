import { KubeReadiness } from '../../clients/talos/kube-readiness.js';
import { pollUntil } from '../../clients/kube/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change, type Observation } from '../../planner/change.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { KUBECONFIG_FILE, readSecretFile } from './context.js';

export interface NodeDesired {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
}

export interface NodeOutput {
  name: string;
  /** False until a CNI runs (Cilium comes later): registration is what this step waits for. */
  ready: boolean;
}

export const NODE_TIMEOUT_MS = 15 * 60_000;

/** A node's kubelet has registered its Node (named after the hostname) with the API server. */
export const kubernetesNode: StepKind<NodeDesired, NodeOutput> = {
  kind: 'kubernetes.node',

  async observe(step, ctx) {
    const api = await apiFor(ctx, step.id);
    const node = await api.node(step.desired.hostname);
    if (!node.exists) return { state: 'absent' };
    return { state: 'present', value: { name: step.desired.hostname, ready: node.ready } };
  },

  diff(step, observed: Observation<NodeOutput>): Change {
    if (observed.state === 'present') return noop(`Node ${observed.value.name} registered${observed.value.ready ? ' and Ready' : ''}`);
    return { action: 'create', fields: [], reason: `wait for Node ${step.desired.hostname} to register` };
  },

  async apply(step, _change, ctx) {
    const api = await apiFor(ctx, step.id);
    const name = step.desired.hostname;
    const node = await pollUntil(
      () => api.node(name).catch((err: Error) => ({ exists: false as const, error: err.message })),
      (n) => ({ done: n.exists, message: n.exists ? 'registered' : 'error' in n ? n.error : 'not registered yet' }),
      { stepId: step.id, what: `Node ${name} to register`, signal: ctx.signal, timeoutMs: NODE_TIMEOUT_MS, intervalMs: 1_000, progress: (m) => ctx.progress(m) },
    );
    return { name, ready: node.exists && 'ready' in node ? node.ready : false };
  },

  limits: { timeoutMs: NODE_TIMEOUT_MS + 60_000 },
};

async function apiFor(ctx: StepContext, stepId: string): Promise<KubeReadiness> {
  const kubeconfig = await readSecretFile(ctx, KUBECONFIG_FILE);
  if (kubeconfig === undefined) {
    throw new CtoError({ severity: 'error', stepId, message: `${stepId}: no cluster kubeconfig in the state folder yet`, hint: 'kubernetes/api fetches it; run cto apply' });
  }
  return new KubeReadiness(kubeconfig);
}
