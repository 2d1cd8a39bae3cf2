import type { KubeApi } from '../../clients/kube/api.js';
import { KubeReadiness } from '../../clients/kube/readiness.js';
import { CtoError } from '../../diagnostics/error.js';
import { kubeFor } from './kube-context.js';
import type { StepContext } from '../step-kind.js';
import { readSecretFile } from '../secret-files.js';
import { KUBECONFIG_FILE } from '../../state/files.js';

/**
 * The cluster's API for teardown steps, from the admin kubeconfig in the state folder: they run
 * both after `kubernetes/api` (scale-in) and without it (`cto destroy` has no build-up steps).
 */
export async function clusterKube(ctx: StepContext, stepId: string): Promise<KubeApi> {
  // Read once so its key material is registered as secret before any client touches it.
  if ((await readSecretFile(ctx, KUBECONFIG_FILE)) === undefined) {
    throw new CtoError({ severity: 'error', stepId, message: `${stepId}: no cluster kubeconfig in the state folder`, hint: 'kubernetes/api fetches it; run cto apply' });
  }
  return kubeFor(ctx, ctx.state.path(KUBECONFIG_FILE));
}

/** Whether the cluster's API answers `/readyz` with the state folder's kubeconfig (no kubeconfig: no). */
export async function clusterApiAnswers(ctx: StepContext): Promise<boolean> {
  const kubeconfig = await readSecretFile(ctx, KUBECONFIG_FILE);
  if (kubeconfig === undefined) return false;
  try {
    return (await new KubeReadiness(kubeconfig).readyz(5_000)).ready;
  } catch (err) {
    // A kubeconfig without credentials reaches no API either.
    if (err instanceof CtoError) return false;
    throw err;
  }
}
