// Pure parts of the platform, GitOps and storage steps.
import { describe, expect, it } from 'vitest';
import { mergeValues, unknownValuePaths } from '../../src/clients/helm/values.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { judgeSync, appStatus, PERSISTENT_POLLS } from '../../src/executors/gitops/sync-status.js';
import { syncKind, syncTiming } from '../../src/executors/gitops/sync.js';
import { renderAccessHints } from '../../src/executors/platform/access.js';
import { argocdObjects } from '../../src/executors/platform/argocd.js';
import { bootstrapObjects } from '../../src/executors/platform/bootstrap.js';
import { ciliumValues } from '../../src/executors/platform/cilium-values.js';
import { LOCAL_PATH_DIR, localPathObjects } from '../../src/executors/platform/local-path.js';
import { mayastorStorageClass, otherDefaults } from '../../src/executors/storage/class.js';
import { diskPool, poolLoss, poolReadiness } from '../../src/executors/storage/pool.js';
import { SecretSet } from '../../src/spec/secrets.js';
import { testCluster } from './context.js';

describe('ciliumValues', () => {
  it('sets the Talos values, with one operator below two nodes', () => {
    const { cluster } = testCluster('one', { nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 0, plan: 'p' } } });
    expect(ciliumValues(cluster)).toEqual({
      ipam: { mode: 'kubernetes' },
      kubeProxyReplacement: true,
      k8sServiceHost: 'localhost',
      k8sServicePort: 7445,
      securityContext: {
        capabilities: {
          ciliumAgent: ['CHOWN', 'KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
          cleanCiliumState: ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'],
        },
      },
      cgroup: { autoMount: { enabled: false }, hostRoot: '/sys/fs/cgroup' },
      operator: { replicas: 1 },
    });
  });

  it('leaves the operator count to the chart from two nodes on, and merges the spec values on top', () => {
    const { cluster } = testCluster('two', { platform: { cilium: { values: { ipam: { operator: { clusterPoolIPv4PodCIDRList: ['10.0.0.0/8'] } }, cgroup: { hostRoot: null }, bpf: { hostLegacyRouting: true } } } } });
    const values = ciliumValues(cluster);
    expect(values.operator).toBeUndefined();
    expect(values.ipam).toEqual({ mode: 'kubernetes', operator: { clusterPoolIPv4PodCIDRList: ['10.0.0.0/8'] } });
    expect(values.cgroup).toEqual({ autoMount: { enabled: false } });
    expect(values.bpf).toEqual({ hostLegacyRouting: true });
  });

  it('replaces lists as helm does', () => {
    expect(mergeValues({ a: [1, 2], b: { c: 1 } }, { a: [3] })).toEqual({ a: [3], b: { c: 1 } });
  });
});

describe('unknownValuePaths', () => {
  const defaults = {
    hubble: { enabled: true, relay: { enabled: false } },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    podAnnotations: {},
    extraArgs: [],
    bpf: { masquerade: null },
  };

  it('names misspelt keys at any depth where the chart has named settings', () => {
    expect(unknownValuePaths({ hubbel: {}, hubble: { relay: { enabeld: true }, enabled: false } }, defaults)).toEqual([['hubbel'], ['hubble', 'relay', 'enabeld']]);
  });

  it('takes any key in label maps, empty maps and below lists, nulls and scalars', () => {
    expect(unknownValuePaths({ nodeSelector: { 'cto.dev/test': 'x' }, podAnnotations: { a: 'b' }, extraArgs: ['--x'], bpf: { masquerade: { any: 1 } } }, defaults)).toEqual([]);
  });
});

describe('bootstrapObjects', () => {
  it('labels the storage namespaces privileged and keeps repository credentials out of everything but the Secret', () => {
    const { cluster, secrets } = testCluster(
      'boot',
      { gitops: { repoURL: 'https://git.example/platform.git', credentials: { username: '${env:GIT_USER}', password: '${env:GIT_TOKEN}' } } },
      { GIT_USER: 'robot-user', GIT_TOKEN: 'tok-5up3r-s3cr3t' },
    );
    const objects = bootstrapObjects(cluster, secrets);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/argocd', 'Namespace/local-path-storage', 'Namespace/openebs', 'Secret/cto-gitops-repository']);
    expect(objects[1]!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(objects[0]!.metadata.labels).toBeUndefined();
    expect(objects[3]!.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(secrets.redact('token tok-5up3r-s3cr3t')).toBe('token (sensitive)');
  });

  it('has no Secret without credentials', () => {
    const { cluster } = testCluster('boot2');
    expect(bootstrapObjects(cluster, new SecretSet()).some((o) => o.kind === 'Secret')).toBe(false);
  });
});

describe('localPathObjects', () => {
  it('drops the Namespace and points the node path map under /var/local', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-path-config', namespace: 'local-path-storage' }, data: { 'config.json': '{"nodePathMap":[{"node":"DEFAULT_PATH_FOR_NON_LISTED_NODES","paths":["/opt/local-path-provisioner"]}]}', setup: '#!/bin/sh' } };
    const out = localPathObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-path-storage' } }, cm]);
    expect(out).toHaveLength(1);
    const data = out[0]!.data as Record<string, string>;
    expect(JSON.parse(data['config.json']!)).toEqual({ nodePathMap: [{ node: 'DEFAULT_PATH_FOR_NON_LISTED_NODES', paths: [LOCAL_PATH_DIR] }] });
    expect(data.setup).toBe('#!/bin/sh');
    expect(LOCAL_PATH_DIR).toBe('/var/local/local-path-provisioner');
  });
});

describe('argocdObjects', () => {
  it('adds the Application health check to argocd-cm', () => {
    const out = argocdObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm' } }]);
    const data = out[0]!.data as Record<string, string>;
    expect(data['resource.customizations.health.argoproj.io_Application']).toContain('hs.status = obj.status.health.status');
  });

  it('keeps resource health in Application status, which Argo CD 3 leaves out by default', () => {
    const out = argocdObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cmd-params-cm' }, data: { 'server.insecure': 'true' } }]);
    expect(out.find((o) => o.metadata.name === 'argocd-cmd-params-cm')!.data).toEqual({ 'server.insecure': 'true', 'controller.resource.health.persist': 'true' });
  });
});

describe('judgeSync', () => {
  const app = (name: string, status: Record<string, unknown>): KubeObject => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name }, status });

  it('is done when Synced and Healthy, and lists unhealthy children while waiting', () => {
    const streaks = new Map<string, number>();
    const root = appStatus(app('app-of-apps', { sync: { status: 'OutOfSync' }, health: { status: 'Progressing' }, operationState: { phase: 'Running' } }));
    const child = appStatus(app('openebs', { sync: { status: 'Synced' }, health: { status: 'Progressing' } }));
    expect(judgeSync(root, [child], streaks)).toEqual({
      done: false,
      message: 'sync OutOfSync, health Progressing, operation Running; not yet healthy: openebs (Progressing)',
    });
    const done = appStatus(app('app-of-apps', { sync: { status: 'Synced' }, health: { status: 'Healthy' }, operationState: { phase: 'Succeeded' } }));
    expect(judgeSync(done, [], streaks).done).toBe(true);
  });

  // Argo CD's own status of the root does not stand for its children: the last sync wave ends the operation
  // without waiting for health, and a parent's aggregated health skips a child whose health is Missing.
  // Seen with the real controller: app-of-apps Synced, Healthy, Succeeded while mayastor had not synced yet.
  it('waits for every Application the root manages, even when the root itself is Synced, Healthy and Succeeded', () => {
    const root = appStatus(app('app-of-apps', {
      sync: { status: 'Synced' },
      health: { status: 'Healthy' },
      operationState: { phase: 'Succeeded' },
      resources: [
        { group: 'argoproj.io', kind: 'AppProject', namespace: 'argocd', name: 'platform' },
        { group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'mayastor', health: { status: 'Missing' } },
      ],
    }));
    const missing = appStatus(app('mayastor', { sync: { status: 'OutOfSync' }, health: { status: 'Missing' }, operationState: { phase: 'Running' } }));
    const progressing = appStatus(app('mayastor', {
      sync: { status: 'Synced' },
      health: { status: 'Progressing' },
      operationState: { phase: 'Succeeded' },
      resources: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'diskpools.openebs.io', health: { status: 'Progressing', message: 'CRD is not established' } }],
    }));
    const healthy = appStatus(app('mayastor', { sync: { status: 'Synced' }, health: { status: 'Healthy' }, operationState: { phase: 'Succeeded' } }));
    // An Application not managed by the root (a user's own) does not hold it up.
    const unrelated = appStatus(app('someone-elses', { sync: { status: 'OutOfSync' }, health: { status: 'Degraded' } }));
    expect(judgeSync(root, [missing, unrelated], new Map())).toEqual({ done: false, message: 'sync Synced, health Healthy, operation Succeeded; not yet healthy: mayastor (Missing)' });
    expect(judgeSync(root, [progressing], new Map())).toEqual({
      done: false,
      message: 'sync Synced, health Healthy, operation Succeeded; not yet healthy: mayastor (Progressing; CustomResourceDefinition diskpools.openebs.io Progressing: CRD is not established)',
    });
    expect(judgeSync(root, [], new Map()).done).toBe(false);
    expect(judgeSync(root, [healthy, unrelated], new Map()).done).toBe(true);

    // The plan says the same: a step to wait for, naming the child, until the child is done too.
    const s = { id: 'gitops/sync', kind: 'gitops.sync', deps: [], params: {} } as unknown as Parameters<typeof syncKind.diff>[0];
    expect(syncKind.diff(s, { state: 'present', value: { root, children: [progressing] } }, {} as never)).toEqual({
      action: 'update',
      fields: [
        { path: 'Application argocd/mayastor: status.health.status', before: 'Progressing', after: 'Healthy' },
      ],
      reason: 'wait for the Applications of app-of-apps: mayastor (Progressing; CustomResourceDefinition diskpools.openebs.io Progressing: CRD is not established)',
    });
    expect(syncKind.diff(s, { state: 'present', value: { root, children: [healthy] } }, {} as never)).toMatchObject({ action: 'noop' });
  });

  it('names the resources Argo CD reports as not healthy', () => {
    const root = appStatus(app('app-of-apps', { sync: { status: 'Synced' }, health: { status: 'Progressing' }, operationState: { phase: 'Running' } }));
    const child = appStatus(app('web', {
      sync: { status: 'Synced' },
      health: { status: 'Progressing' },
      resources: [
        { kind: 'Service', namespace: 'web', name: 'api', health: { status: 'Healthy' } },
        { kind: 'ConfigMap', namespace: 'web', name: 'settings' },
        { kind: 'Deployment', namespace: 'web', name: 'api', health: { status: 'Progressing', message: 'Waiting for rollout to finish: 0 of 1 updated replicas are available...' } },
      ],
    }));
    expect(judgeSync(root, [child], new Map()).message).toBe(
      'sync Synced, health Progressing, operation Running; not yet healthy: web (Progressing; Deployment web/api Progressing: Waiting for rollout to finish: 0 of 1 updated replicas are available...)',
    );
  });

  it('is not done while the status is of a source the spec no longer names', () => {
    const source = (targetRevision: string) => ({ repoURL: 'https://git.example/x.git', path: 'infra/gitops', targetRevision, directory: { recurse: true } });
    const at = (revision: string): KubeObject => ({
      ...app('app-of-apps', { sync: { status: 'Synced', comparedTo: { source: { ...source('main'), directory: { recurse: true, jsonnet: {} } } } }, health: { status: 'Healthy' } }),
      spec: { source: source(revision) },
    });
    expect(judgeSync(appStatus(at('main')), [], new Map()).done).toBe(true);
    expect(judgeSync(appStatus(at('release')), [], new Map())).toEqual({ done: false, message: 'not yet compared at the source the spec names' });
  });

  it('fails at once on a Failed operation', () => {
    const root = appStatus(app('app-of-apps', { sync: { status: 'OutOfSync' }, operationState: { phase: 'Failed', message: 'one or more objects failed to apply' } }));
    expect(judgeSync(root, [], new Map()).failed).toBe('sync Failed: one or more objects failed to apply');
  });

  it('fails on a ComparisonError only when it persists', () => {
    const streaks = new Map<string, number>();
    const root = appStatus(app('app-of-apps', { conditions: [{ type: 'ComparisonError', message: 'repository not found' }] }));
    for (let i = 1; i < PERSISTENT_POLLS; i++) expect(judgeSync(root, [], streaks).failed).toBeUndefined();
    expect(judgeSync(root, [], streaks).failed).toBe('Application app-of-apps: ComparisonError: repository not found');
  });

  it('polls about twenty times within the spec timeout', () => {
    const { cluster } = testCluster('t', { gitops: { repoURL: 'https://git.example/x.git', syncTimeout: '10s' } });
    expect(syncTiming(cluster)).toEqual({ timeoutMs: 10_000, intervalMs: 500 });
  });
});

describe('storage objects', () => {
  it('renders the DiskPool for a node and judges readiness by cr_state and pool_status', () => {
    const pool = diskPool('openebs.io/v1beta3', { node: 'worker-0', hostname: 'c-worker-0', disk: '/dev/nvme1n1' });
    expect(pool).toEqual({ apiVersion: 'openebs.io/v1beta3', kind: 'DiskPool', metadata: { name: 'pool-c-worker-0', namespace: 'openebs' }, spec: { node: 'c-worker-0', disks: ['/dev/nvme1n1'] } });
    expect(poolReadiness({ ...pool, status: { cr_state: 'Creating' } })).toEqual({ done: false, message: 'state Creating, pool not found yet' });
    expect(poolReadiness({ ...pool, status: { cr_state: 'Created', pool_status: 'Online' } }).done).toBe(true);
    expect(poolReadiness({ ...pool, status: { cr_state: 'Created', pool_status: 'Faulted' } }).failed).toMatch(/Faulted.*\/dev\/nvme1n1.*c-worker-0/);
  });

  it('calls a pool change destructive only when it moves or removes the disk', () => {
    const ref = 'DiskPool openebs/pool-c-worker-0';
    expect(poolLoss({ ref, action: 'update', fields: [{ path: `${ref}: spec.topology.labelled.zone`, after: 'a' }] })).toBeUndefined();
    expect(poolLoss({ ref, action: 'update', fields: [{ path: `${ref}: spec.disks[0]`, before: '/dev/a', after: '/dev/b' }] })).toMatch(/moves to another disk/);
    expect(poolLoss({ ref, action: 'delete', fields: [] })).toBe(`${ref} is deleted: the volume replicas on its disk are lost`);
  });

  it('renders the StorageClass with string parameters and finds other default classes', () => {
    expect(mayastorStorageClass({ name: 'mayastor-nvme', replicas: 2, default: true })).toMatchObject({
      provisioner: 'io.openebs.csi-mayastor',
      parameters: { protocol: 'nvmf', repl: '2' },
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    });
    const sc = (name: string, value?: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, ...(value ? { annotations: { 'storageclass.kubernetes.io/is-default-class': value } } : {}) } });
    expect(otherDefaults([sc('mayastor-nvme', 'true'), sc('local-path', 'true'), sc('x', 'false'), sc('y')], 'mayastor-nvme').map((c) => c.metadata.name)).toEqual(['local-path']);
  });
});

describe('renderAccessHints', () => {
  it('says how to reach the cluster without any secret value', () => {
    const { cluster } = testCluster('acc', { kubeconfig: { context: 'prod' } });
    const lines = renderAccessHints(cluster);
    expect(lines).toContain('  kubectl --context prod get nodes');
    expect(lines.join('\n')).toContain("-n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d");
    expect(lines.join('\n')).toMatch(/k9s --context prod/);
    expect(lines.join('\n')).not.toContain('test-latitude-key');
  });
});
