import { KubeReadiness } from '../../clients/kube/readiness.js';
import { TalosError } from '../../clients/talos/errors.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { StepKind } from '../step-kind.js';
import { readSecretFile, registerSecrets } from '../secret-files.js';
import type { Observation } from '../../state/observations.js';
import { KUBECONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from '../talos/talosctl-for.js';
import { reachableKubeconfig } from '../talos/kubeconfig-server.js';
import { serverAddress } from '../latitude/addresses.js';

export interface ApiDesired {
  node: string;
}

export interface ApiOutput {
  kubeconfigPath: string;
  server: string;
}

/** The API server comes up a few minutes after etcd is bootstrapped. */
export const API_TIMEOUT_MS = 20 * 60_000;

/**
 * The Kubernetes API: an admin kubeconfig fetched from Talos into a file
 * `cto` owns (state `kubeconfig`), and `/readyz` answering 200 with it.
 */
export const kubernetesApi: StepKind<ApiDesired, ApiOutput> = {
  kind: 'kubernetes.api',

  async observe(step, ctx) {
    const kubeconfig = await readSecretFile(ctx, KUBECONFIG_FILE);
    if (kubeconfig === undefined) return { state: 'absent' };
    const api = new KubeReadiness(kubeconfig);
    const { ready, detail } = await api.readyz();
    if (!ready) return { state: 'unknown', reason: `API server ${api.server} is not ready (${detail})` };
    return { state: 'present', value: { kubeconfigPath: ctx.state.path(KUBECONFIG_FILE), server: api.server } };
  },

  diff(step, observed: Observation<ApiOutput>): Change {
    if (observed.state === 'present') return noop(`API server ${observed.value.server} is ready`);
    const why = observed.state === 'unknown' ? observed.reason : 'no kubeconfig yet';
    return { action: 'create', fields: [], reason: `fetch the admin kubeconfig from ${step.desired.node} and wait for /readyz (${why})` };
  },

  async apply(step, _change, ctx) {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: server/${step.desired.node} has no address yet` });
    const talosctl = await talosctlFor(ctx);
    ctx.progress(`fetching kubeconfig from ${step.desired.node}`);
    const kubeconfig = reachableKubeconfig(await talosctl.kubeconfig(ip), ctx.spec, ip);
    registerSecrets(ctx, kubeconfig);
    await ctx.state.writeAtomic(KUBECONFIG_FILE, kubeconfig);
    const api = new KubeReadiness(kubeconfig);
    await pollUntil(
      () => api.readyz(),
      (r) => ({ done: r.ready, message: r.ready ? 'ready' : r.detail }),
      { stepId: step.id, what: `${api.server}/readyz`, signal: ctx.signal, timeoutMs: API_TIMEOUT_MS, intervalMs: 1_000, progress: (m) => ctx.progress(m) },
    );
    return { kubeconfigPath: ctx.state.path(KUBECONFIG_FILE), server: api.server };
  },

  limits: {
    concurrencyKey: (step) => `talos:${step.desired.node}`,
    timeoutMs: API_TIMEOUT_MS + 60_000,
    retry: { attempts: 5, baseMs: 2_000, maxMs: 20_000 },
  },

  retryable: (err) => err instanceof TalosError && err.retryable,
};
