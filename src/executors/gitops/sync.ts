import type { KubeApi } from '../../clients/kube/api.js';
import { isTransientKubeError } from '../../clients/kube/errors.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { APPLICATION_API_VERSION, ARGOCD_NAMESPACE } from '../../gitops-tree/argocd.js';
import { ROOT_APPLICATION } from '../../gitops-tree/root-application.js';
import type { Change } from '../../planner/change.js';
import { noop } from '../../planner/change.js';
import { parseDuration } from '../../spec/duration.js';
import type { Cluster } from '../../spec/types.gen.js';
import { kubeconfigOf, kubeFor } from '../kubernetes/kube-context.js';
import type { StepKind } from '../step-kind.js';
import { appStatus, describe, describeChild, isDone, judgeSync, pendingChildren, type AppStatus } from './sync-status.js';
import type { Observation } from '../../state/observations.js';

export interface SyncObserved {
  root: AppStatus;
  children: AppStatus[];
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/** The spec's sync timeout; polls about 20 times within it (every 5 s for long timeouts). */
export function syncTiming(cluster: Cluster): { timeoutMs: number; intervalMs: number } {
  const timeoutMs = parseDuration(cluster.spec.gitops?.syncTimeout ?? '') ?? DEFAULT_TIMEOUT_MS;
  return { timeoutMs, intervalMs: Math.min(5_000, Math.max(200, Math.floor(timeoutMs / 20))) };
}

async function readApps(kube: KubeApi): Promise<SyncObserved | undefined> {
  const apps = await kube.list(APPLICATION_API_VERSION, 'Application', { namespace: ARGOCD_NAMESPACE });
  const root = apps.find((a) => a.metadata.name === ROOT_APPLICATION);
  if (!root) return undefined;
  const children = apps.filter((a) => a !== root).map(appStatus).sort((a, b) => a.name.localeCompare(b.name));
  return { root: appStatus(root), children };
}

/** `gitops/sync`: waits until the app-of-apps and the Applications it manages are Synced and Healthy; a no-op when they are. */
export const syncKind: StepKind<Record<string, never>, SyncObserved> = {
  kind: 'gitops.sync',
  retryable: isTransientKubeError,

  async observe(_step, ctx): Promise<Observation<SyncObserved>> {
    const kubeconfig = kubeconfigOf(ctx);
    if (!kubeconfig) return { state: 'unknown', reason: 'known after kubernetes/api is applied' };
    const kube = await kubeFor(ctx, kubeconfig);
    if (!(await kube.kindInfo(APPLICATION_API_VERSION, 'Application'))) return { state: 'unknown', reason: 'known after platform/argocd is applied' };
    const apps = await readApps(kube);
    return apps ? { state: 'present', value: apps } : { state: 'absent' };
  },

  diff(_step, observed): Change {
    if (observed.state === 'unknown') return { action: 'create', fields: [], reason: observed.reason };
    if (observed.state === 'absent') return { action: 'create', fields: [], reason: `wait for the first sync of ${ROOT_APPLICATION}` };
    const { root, children } = observed.value;
    const pending = isDone(root) ? pendingChildren(root, children) : [];
    if (isDone(root) && !pending.length) return noop(`${ROOT_APPLICATION} and its Applications are Synced and Healthy`);
    const field = (app: AppStatus, path: string, before: string | undefined, after: string) => ({ path: `Application ${ARGOCD_NAMESPACE}/${app.name}: ${path}`, before: before ?? 'Unknown', after });
    return {
      action: 'update',
      fields: [root, ...pending]
        .flatMap((app) => [field(app, 'status.sync.status', app.sync, 'Synced'), field(app, 'status.health.status', app.health, 'Healthy')])
        .filter((f) => f.before !== f.after),
      reason: pending.length
        ? `wait for the Applications of ${ROOT_APPLICATION}: ${pending.map(describeChild).join(', ')}`
        : `wait for ${ROOT_APPLICATION} to sync (${describe(root)})`,
    };
  },

  async apply(step, _change, ctx): Promise<SyncObserved> {
    const kube = await kubeFor(ctx, kubeconfigOf(ctx)!);
    const { timeoutMs, intervalMs } = syncTiming(ctx.spec);
    const streaks = new Map<string, number>();
    // Waiting on Argo CD is not traffic worth a parallelism slot.
    ctx.releaseLimits();
    const result = await pollUntil(
      () => readApps(kube),
      (apps) => (apps ? judgeSync(apps.root, apps.children, streaks) : { done: false, message: `Application ${ROOT_APPLICATION} not found` }),
      {
        stepId: step.id,
        what: `Application ${ARGOCD_NAMESPACE}/${ROOT_APPLICATION} to be Synced and Healthy`,
        signal: ctx.signal,
        timeoutMs,
        intervalMs,
        // A Healthy streak is judged over reads at this pace.
        maxIntervalMs: intervalMs,
        progress: ctx.progress,
        hint: `look at the app in Argo CD (\`kubectl -n ${ARGOCD_NAMESPACE} get applications\`); raise spec.gitops.syncTimeout if it is only slow`,
      },
    );
    if (!result) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: Application ${ROOT_APPLICATION} not found` });
    return result;
  },

};
