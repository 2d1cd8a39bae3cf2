import { KubeApi } from '../../clients/kube/api.js';
import type { StepContext } from '../step-kind.js';
import { addr } from '../../planner/address.js';

/** The cluster's admin kubeconfig, as `kubernetes/api` reports it; undefined until the API answers. */
export function kubeconfigOf(ctx: StepContext): string | undefined {
  return ctx.outputOf(addr.kubernetesApi)?.kubeconfigPath;
}

/** One client per kubeconfig for the whole run: discovery is cached inside it. */
export function kubeFor(ctx: StepContext, kubeconfigPath: string): Promise<KubeApi> {
  return ctx.cache.once(`kube:${kubeconfigPath}`, () => KubeApi.connect(kubeconfigPath));
}
