// Proves that the harness's control plane is a real one: server-side apply,
// controllers and scheduler rolling out workloads onto kwok's Nodes, CRD
// establishment and validation, Pod Security admission.
import {
  ApiException,
  ApisApi,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  loadAllYaml,
  PatchStrategy,
  type KubernetesObject,
  type V1DaemonSet,
  type V1Deployment,
} from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatedNode } from '../../testenv/nodes.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { changesSharedObjects } from '../support/shared-objects.js';


const kc = new KubeConfig();
kc.loadFromFile(inject('kubeconfigPath'));
// Argo CD's CRDs.
changesSharedObjects(inject('kubeconfigPath'));
const objects = KubernetesObjectApi.makeApiClient(kc);
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);

const apply = <T extends KubernetesObject>(obj: T) =>
  objects.patch(obj, undefined, undefined, 'cto', false, PatchStrategy.ServerSideApply);

async function eventually<T>(what: string, get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs / 1000} s: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

/** The API error of a request that must fail. */
async function rejection(request: Promise<unknown>): Promise<ApiException<string>> {
  const err = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiException)) throw new Error(`expected the API server to refuse, got ${String(err)}`);
  return err as ApiException<string>;
}

/** The message of the Status object the API server refused with. */
function statusMessage(err: ApiException<string>): string {
  return (JSON.parse(err.body) as { message: string }).message;
}

const ns = 'controlplane-test';
// Only this file's Nodes carry it, so other test files' Nodes cannot change the counts here.
const poolLabel = { 'cto.test/pool': 'controlplane-test' };
const nodeNames = ['cp-test-worker-1', 'cp-test-worker-2'];

beforeAll(async () => {
  await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await Promise.all(
    nodeNames.map((name, i) =>
      createSimulatedNode(kc, {
        name,
        labels: poolLabel,
        allocatable: { cpu: '16', memory: '64Gi', 'hugepages-2Mi': '1Gi' },
        address: `192.0.2.${10 + i}`,
      }),
    ),
  );
});

describe('real control plane', () => {
  it('serves discovery for the core and named API groups', async () => {
    const coreResources = await core.getAPIResources();
    expect(coreResources.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['pods', 'nodes', 'namespaces']));
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['apps', 'apiextensions.k8s.io', 'rbac.authorization.k8s.io']),
    );
  });

  it('keeps simulated Nodes Ready with the requested allocatable and address', async () => {
    const node = await core.readNode({ name: nodeNames[0]! });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.status?.allocatable?.['hugepages-2Mi']).toBe('1Gi');
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '192.0.2.10' });
    expect(node.metadata?.labels).toMatchObject(poolLabel);
  });

  it('server-side applies a Deployment that becomes Available', async () => {
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            nodeSelector: poolLabel,
            containers: [{ name: 'web', image: 'registry.example/web:1', resources: { requests: { cpu: '100m' } } }],
          },
        },
      },
    };
    const applied = await apply(deployment);
    expect(applied.metadata?.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['cto', 'Apply']);

    const ready = await eventually(
      'Deployment Available',
      () => apps.readNamespacedDeployment({ name: 'web', namespace: ns }),
      (d) => d.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') === true && d.status?.readyReplicas === 2,
    );
    expect(ready.status?.availableReplicas).toBe(2);

    // Re-applying the same intent with the same manager is a no-op for the object.
    const again = await apply(deployment);
    expect(again.metadata?.generation).toBe(applied.metadata?.generation);
  });

  it('rolls a DaemonSet out on every simulated Node', async () => {
    const daemonSet: V1DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            nodeSelector: poolLabel,
            containers: [
              {
                name: 'agent',
                image: 'registry.example/agent:1',
                resources: { requests: { 'hugepages-2Mi': '64Mi', memory: '64Mi' }, limits: { 'hugepages-2Mi': '64Mi', memory: '64Mi' } },
              },
            ],
          },
        },
      },
    };
    await apply(daemonSet);
    const rolledOut = await eventually(
      'DaemonSet rolled out',
      () => apps.readNamespacedDaemonSet({ name: 'agent', namespace: ns }),
      (d) => d.status?.desiredNumberScheduled === nodeNames.length && d.status?.numberReady === nodeNames.length,
    );
    expect(rolledOut.status?.updatedNumberScheduled).toBe(nodeNames.length);

    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=agent' });
    expect(pods.items.map((p) => p.spec?.nodeName).sort()).toEqual(nodeNames);
    expect(pods.items.every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('establishes the Argo CD CRDs and validates Applications against them', async () => {
    for (const file of ['crds/application-crd.yaml', 'crds/appproject-crd.yaml']) {
      // loadAllYaml deserializes into the client's typed models; a plain object would lose the
      // schema's x-kubernetes-* fields on the way out (and, applied as manager cto, strip them live).
      for (const crd of loadAllYaml(await readFile(upstreamFile('argocd', file), 'utf8')) as KubernetesObject[]) await apply(crd);
    }
    for (const name of ['applications.argoproj.io', 'appprojects.argoproj.io']) {
      await eventually(
        `CRD ${name} Established`,
        () => objects.read({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name } }),
        (crd) =>
          (crd as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions?.some(
            (c) => c.type === 'Established' && c.status === 'True',
          ) === true,
      );
    }

    const app = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'platform', namespace: ns },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example/platform.git', path: 'apps', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'platform' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    };
    // A freshly Established CRD can take a moment to reach every API server handler.
    const accepted = await eventually(
      'Application accepted',
      () => apply(app).catch((e: unknown) => e),
      (r) => !(r instanceof ApiException && r.code === 404),
    );
    expect(accepted).toMatchObject({ kind: 'Application', spec: { project: 'default' } });

    const malformed = { ...app, metadata: { name: 'malformed', namespace: ns }, spec: { source: app.spec.source } };
    const err = await rejection(apply(malformed));
    expect(err.code).toBe(422);
    expect(statusMessage(err)).toMatch(/spec\.destination: Required value/);
    expect(statusMessage(err)).toMatch(/spec\.project: Required value/);
  });

  it('enforces Pod Security levels set by namespace labels', async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'baseline-only', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
    });
    const pod = (name: string, privileged: boolean) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'baseline-only' },
      spec: {
        nodeSelector: poolLabel,
        containers: [{ name: 'c', image: 'registry.example/tool:1', securityContext: { privileged } }],
      },
    });

    const err = await rejection(apply(pod('privileged', true)));
    expect(err.code).toBe(403);
    expect(statusMessage(err)).toContain('violates PodSecurity "baseline:latest": privileged');

    await expect(apply(pod('unprivileged', false))).resolves.toMatchObject({ metadata: { name: 'unprivileged' } });
  });
});
