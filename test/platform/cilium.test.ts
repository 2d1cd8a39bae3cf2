// platform/cilium against the real control plane: real `helm template` of the
// test chart, server-side apply, rollout on kwok nodes, drift repair.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ciliumKind } from '../../src/executors/platform/cilium.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { testenvBin } from '../../testenv/paths.js';
import { Actor } from './actors.js';
import { converge, FIXTURES, plan, step, testCluster, testContext } from './context.js';

const NAME = 'cilium-it';
const kubeconfigPath = inject('kubeconfigPath');
const s = step('platform/cilium', 'platform.cilium', {});
const daemonSet: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'cilium', namespace: 'kube-system' } };
const operator: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cilium-operator', namespace: 'kube-system' } };

function context() {
  const { cluster } = testCluster(NAME, {
    nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 0, plan: 'p' } },
    // The DaemonSet runs on this test's node only: other test files add nodes of their own.
    platform: { cilium: { chart: `${FIXTURES}/cilium`, values: { nodeSelector: { 'cto.dev/test': NAME } } } },
  });
  return testContext(cluster, kubeconfigPath, { env: { ...process.env, CTO_HELM: testenvBin('helm') } });
}

describe('platform/cilium', () => {
  const person = new Actor(kubeconfigPath, 'kubectl-edit');

  beforeAll(async () => {
    await person.createNode(`${NAME}-cp-0`, { 'cto.dev/test': NAME });
  });

  it('installs from empty with the Talos values, waits for the rollout, then shows no changes', async () => {
    const ctx = context();
    const { planned, after } = await converge(ciliumKind, s, ctx);
    expect(planned).toMatchObject({ action: 'create' });
    expect(after).toEqual({ action: 'noop', fields: [], reason: 'up to date' });

    const ds = (await person.get(daemonSet))!;
    const agent = (ds.spec as any).template.spec.containers.find((c: { name: string }) => c.name === 'cilium-agent');
    expect(agent.securityContext.capabilities.add).not.toContain('SYS_MODULE');
    expect(agent.env).toContainEqual({ name: 'KUBERNETES_SERVICE_PORT', value: '7445' });
    expect((ds.spec as any).template.spec.initContainers).toBeUndefined();
    expect(ds.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'cto', 'cto.dev/component': 'platform-cilium' });
    expect((ds.status as any).numberAvailable).toBe(1);
    // One node: a second operator could never be scheduled next to the first.
    expect(((await person.get(operator))!.spec as any).replicas).toBe(1);
    expect(ctx.progressLines.some((l) => l.startsWith('rollout of DaemonSet kube-system/cilium'))).toBe(true);
    // The chart generates a new CA at every render; the one in the cluster stays.
    const ca = (await person.get({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cilium-ca', namespace: 'kube-system' } }))!;
    expect(await plan(ciliumKind, s, context())).toMatchObject({ action: 'noop' });
    expect((await person.get(ca))!.data).toEqual(ca.data);
  });

  it('shows an edit of the DaemonSet as an update and repairs it', async () => {
    const ctx = context();
    await converge(ciliumKind, s, ctx);
    await person.edit(daemonSet, { spec: { template: { spec: { containers: [{ name: 'cilium-agent', image: 'evil.example/cilium:latest' }] } } } });

    const drift = await plan(ciliumKind, s, ctx);
    expect(drift.action).toBe('update');
    expect(drift.fields).toContainEqual({
      path: 'DaemonSet kube-system/cilium: spec.template.spec.containers[cilium-agent].image',
      before: 'evil.example/cilium:latest',
      after: 'quay.io/cilium/cilium:v1.18.0',
    });
    expect(drift.fields).toHaveLength(1);

    await ciliumKind.apply(s, drift, ctx);
    const repaired = (await person.get(daemonSet))!;
    expect((repaired.spec as any).template.spec.containers.find((c: { name: string }) => c.name === 'cilium-agent').image).toBe('quay.io/cilium/cilium:v1.18.0');
    expect(await plan(ciliumKind, s, ctx)).toMatchObject({ action: 'noop' });
  });

  it('is unknown until the Kubernetes API is there', async () => {
    const { cluster } = testCluster(NAME);
    const ctx = testContext(cluster, undefined);
    expect(await ciliumKind.observe(s, ctx)).toEqual({ state: 'unknown', reason: 'known after kubernetes/api is applied' });
  });
});
