import { helmDefaultValues, helmTemplate } from '../../clients/helm/template.js';
import { unknownValuePaths } from '../../clients/helm/values.js';
import type { KubeApi } from '../../clients/kube/api.js';
import type { KubeObject } from '../../clients/kube/object.js';
import type { PollCheck } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { clusterNodes } from '../../planner/nodes.js';
import type { StepContext } from '../step-kind.js';
import { ciliumValues, talosCiliumValues } from './cilium-values.js';
import { objectsKind } from './objects-kind.js';
import { ciliumChartSource, localSource } from './sources.js';

/** `platform/cilium`: helm template with the Talos values, server-side apply, rollout, then the nodes turn Ready. */
export const ciliumKind = objectsKind<Record<string, never>>({
  kind: 'platform.cilium',
  defaultNamespace: 'kube-system',
  render: async (step, ctx, kube) => keepGeneratedSecrets(kube, await ciliumObjects(step.id, ctx)),
  ready: (_step, ctx, kube) => nodesReady(ctx, kube),
  readyWhat: () => 'the cluster nodes to become Ready',
  limits: { timeoutMs: 15 * 60_000 },
});

/** The chart rendered for the cluster's Kubernetes version with cto's values, once every value path is one the chart has. */
export async function ciliumObjects(stepId: string, ctx: StepContext): Promise<KubeObject[]> {
  const chart = await localSource(ciliumChartSource(ctx.spec), stepId, ctx);
  await checkValuePaths(chart, stepId, ctx);
  const kubeVersion = ctx.spec.spec.talos.kubernetesVersion;
  return helmTemplate({ chart, release: 'cilium', namespace: 'kube-system', values: ciliumValues(ctx.spec), kubeVersion, stepId }, ctx.env, ctx.signal);
}

/** Every value path, the spec's and cto's own, must be one the chart has: Helm would ignore a misspelt one. */
async function checkValuePaths(chart: string, stepId: string, ctx: StepContext): Promise<void> {
  const defaults = await helmDefaultValues(chart, stepId, ctx.env, ctx.signal);
  const unknown = [
    ...unknownValuePaths(ctx.spec.spec.platform.cilium.values as Record<string, unknown>, defaults).map((p) => `spec.platform.cilium.values.${p.join('.')}`),
    ...unknownValuePaths(talosCiliumValues(ctx.spec), defaults).map((p) => `${p.join('.')} (a Talos value cto sets)`),
  ];
  if (unknown.length === 0) return;
  throw new CtoError({
    severity: 'error',
    stepId,
    message: `${stepId}: the Cilium chart (${chart}) has no value ${unknown.join(', ')}`,
    hint: 'check the spelling against the chart\'s values.yaml (`helm show values`)',
  });
}

/**
 * The chart generates its CA and Hubble certificates at every render (helm's
 * `lookup` finds the existing ones only when helm talks to the cluster, which
 * `helm template` does not). Keep the Secrets the cluster already has, as
 * `helm upgrade` would, so a plan does not show new certificates every time.
 */
async function keepGeneratedSecrets(kube: KubeApi, objects: KubeObject[]): Promise<KubeObject[]> {
  return Promise.all(
    objects.map(async (o) => {
      if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
      const live = await kube.get({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'kube-system' } });
      if (!live?.data) return o;
      const { stringData: _s, ...rest } = o;
      return { ...rest, data: live.data };
    }),
  );
}

/** With a CNI in place every registered node of this cluster should report Ready. */
async function nodesReady(ctx: StepContext, kube: KubeApi): Promise<PollCheck> {
  const ours = new Set(clusterNodes(ctx.spec).map((n) => n.hostname));
  const nodes = (await kube.list('v1', 'Node')).filter((n) => ours.has(n.metadata.name));
  const notReady = nodes
    .filter((n) => !((n.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((n) => n.metadata.name)
    .sort();
  return { done: notReady.length === 0, message: notReady.length ? `not Ready: ${notReady.join(', ')}` : `${nodes.length} nodes Ready` };
}
