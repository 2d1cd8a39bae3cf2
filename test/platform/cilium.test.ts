// platform/cilium against the real control plane: real `helm template` of the
// real Cilium chart (the test environment fetched it at cto's pinned version),
// server-side apply, rollout on kwok nodes, drift repair.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { helmDefaultValues } from '../../src/clients/helm/template.js';
import { unknownValuePaths } from '../../src/clients/helm/values.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { ciliumKind } from '../../src/executors/platform/cilium.js';
import { talosCiliumValues } from '../../src/executors/platform/cilium-values.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { testenvBin } from '../../testenv/paths.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { Actor } from './actors.js';
import { converge, plan, step, testCluster, testContext } from './context.js';

const NAME = 'cilium-it';
const kubeconfigPath = inject('kubeconfigPath');
const s = step('platform/cilium', 'platform.cilium', {});
const daemonSet: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'cilium', namespace: 'kube-system' } };
const operator: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cilium-operator', namespace: 'kube-system' } };

const onTestNode = { nodeSelector: { 'cto.dev/test': NAME } };

function context(values: Record<string, unknown> = {}, talos: Record<string, unknown> = {}) {
  const { cluster } = testCluster(NAME, {
    nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 0, plan: 'p' } },
    // The chart's workloads run on this test's node only: other test files add nodes of their own.
    platform: { cilium: { chart: upstreamFile('cilium', 'cilium'), values: { ...onTestNode, envoy: onTestNode, operator: onTestNode, ...values } } },
    ...(Object.keys(talos).length ? { talos } : {}),
  });
  return testContext(cluster, kubeconfigPath, { env: { ...process.env, CTO_HELM: testenvBin('helm') } });
}

/** The agent image the chart of cto's pinned Cilium version deploys. */
const agentImage = () => `quay.io/cilium/cilium:v${context().spec.spec.platform.cilium.version}`;

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
    // No cgroup mount (Talos mounts cgroupv2) and no init container loads kernel modules.
    const inits = (ds.spec as any).template.spec.initContainers as { name: string; securityContext?: { capabilities?: { add?: string[] } } }[];
    expect(inits.map((c) => c.name)).not.toContain('mount-cgroup');
    for (const c of inits) expect(c.securityContext?.capabilities?.add ?? [], c.name).not.toContain('SYS_MODULE');
    expect(ds.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'cto', 'cto.dev/component': 'platform-cilium' });
    expect((ds.status as any).numberAvailable).toBe(1);
    // One node: a second operator could never be scheduled next to the first.
    expect(((await person.get(operator))!.spec as any).replicas).toBe(1);
    // The step waited on the rollouts (one at a time, so a DaemonSet done by its turn shows no line of its own).
    expect(ctx.progressLines.some((l) => /^rollout of (DaemonSet|Deployment) kube-system\/cilium/.test(l))).toBe(true);
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
      after: agentImage(),
    });
    expect(drift.fields).toHaveLength(1);

    await ciliumKind.apply(s, drift, ctx);
    const repaired = (await person.get(daemonSet))!;
    expect((repaired.spec as any).template.spec.containers.find((c: { name: string }) => c.name === 'cilium-agent').image).toBe(agentImage());
    expect(await plan(ciliumKind, s, ctx)).toMatchObject({ action: 'noop' });
  });

  it('refuses a misspelt value path, the spec\'s or nested, naming it, before rendering anything', async () => {
    for (const [values, path] of [
      [{ kubeProxyReplacment: true }, 'spec.platform.cilium.values.kubeProxyReplacment'],
      [{ hubble: { relay: { enabeld: true } } }, 'spec.platform.cilium.values.hubble.relay.enabeld'],
    ] as const) {
      const err = await ciliumKind.observe(s, context(values)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CtoError);
      expect((err as CtoError).message).toContain(`has no value ${path}`);
    }
    // Correctly spelt, the same values render.
    expect(await ciliumKind.observe(s, context({ kubeProxyReplacement: true, hubble: { relay: { enabled: false } } }))).toMatchObject({ state: 'present' });
  });

  it('renders for the cluster\'s Kubernetes version (the chart\'s kubeVersion constraint applies)', async () => {
    const err = await ciliumKind.observe(s, context({}, { kubernetesVersion: '1.20.15' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toMatch(/incompatible with Kubernetes v1\.20\.15/);
  });

  it('sets only values the real chart has (cto\'s own Talos values)', async () => {
    const ctx = context();
    const defaults = await helmDefaultValues(upstreamFile('cilium', 'cilium'), s.id, ctx.env);
    expect(unknownValuePaths(talosCiliumValues(ctx.spec), defaults)).toEqual([]);
    // A misspelling in cto's values would be caught the same way.
    expect(unknownValuePaths({ ...talosCiliumValues(ctx.spec), cgroup: { autoMount: { enabled: false }, hostRot: '/sys/fs/cgroup' } }, defaults)).toEqual([['cgroup', 'hostRot']]);
  });

  it('is unknown until the Kubernetes API is there', async () => {
    const { cluster } = testCluster(NAME);
    const ctx = testContext(cluster, undefined);
    expect(await ciliumKind.observe(s, ctx)).toEqual({ state: 'unknown', reason: 'known after kubernetes/api is applied' });
  });
});
