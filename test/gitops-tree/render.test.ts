import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CtoError } from '../../src/diagnostics/error.js';
import { etcdReplicaCount } from '../../src/gitops-tree/mayastor-application.js';
import { renderGitopsTree } from '../../src/gitops-tree/render.js';
import { rootApplication } from '../../src/gitops-tree/root-application.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { exampleSpecFiles, loadExample, placeholderEnv } from './example-specs.js';

const WAVE = 'argocd.argoproj.io/sync-wave';
const PRIVILEGED = {
  'pod-security.kubernetes.io/enforce': 'privileged',
  'pod-security.kubernetes.io/audit': 'privileged',
  'pod-security.kubernetes.io/warn': 'privileged',
};

type Obj = Record<string, any>;
function tree(spec: Cluster): Map<string, { content: string; object?: Obj }> {
  return new Map(
    renderGitopsTree(spec).map((f) => [f.path, { content: f.content, ...(f.path.endsWith('.yaml') ? { object: parse(f.content) as Obj } : {}) }]),
  );
}

const examples = exampleSpecFiles();

describe('renderGitopsTree on every example spec', () => {
  it('finds the examples', () => {
    expect(examples.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['two-node.yaml', 'ha.yaml', 'auto-region.yaml']));
  });

  describe.each(examples)('%s', (file) => {
    const spec = loadExample(file);
    const root = spec.spec.gitops!.path;
    const files = tree(spec);
    const mayastor = spec.spec.storage!.mayastor!;
    const app = files.get(`${root}/applications/storage/mayastor.yaml`)!.object!;
    const ns = files.get(`${root}/cluster-config/mayastor-namespace.yaml`)!.object!;
    const project = files.get(`${root}/projects/platform-project.yaml`)!.object!;

    it('writes the four files under spec.gitops.path', () => {
      expect([...files.keys()].sort()).toEqual(
        [
          `${root}/README.md`,
          `${root}/applications/storage/mayastor.yaml`,
          `${root}/cluster-config/mayastor-namespace.yaml`,
          `${root}/projects/platform-project.yaml`,
        ].sort(),
      );
    });

    it('installs the OpenEBS chart at the spec version with the Talos values', () => {
      expect(app).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { namespace: 'argocd' } });
      expect(app.spec.source).toMatchObject({ repoURL: 'https://openebs.github.io/openebs', chart: 'openebs', targetRevision: mayastor.chartVersion });
      const values = app.spec.source.helm.valuesObject;
      expect(values.mayastor.csi.node.initContainers.enabled).toBe(false);
      expect(values.engines.local.lvm.enabled).toBe(false);
      expect(values.engines.local.zfs.enabled).toBe(false);
      expect(values.engines.replicated.mayastor.enabled).toBe(true);
      const workers = spec.spec.nodes.workers.count;
      const etcd = values.mayastor.etcd.replicaCount;
      expect(etcd % 2).toBe(1);
      expect(etcd).toBeLessThanOrEqual(Math.min(3, workers));
      expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'openebs' });
      expect(app.spec.project).toBe('platform');
    });

    it('syncs storage in wave -10 with namespace creation, server-side apply, privileged labels and retries', () => {
      expect(app.metadata.annotations[WAVE]).toBe('-10');
      expect(app.spec.syncPolicy.syncOptions).toEqual(expect.arrayContaining(['CreateNamespace=true', 'ServerSideApply=true']));
      expect(app.spec.syncPolicy.managedNamespaceMetadata.labels).toEqual(PRIVILEGED);
      expect(app.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
      expect(app.spec.syncPolicy.retry.backoff).toMatchObject({ duration: expect.any(String), factor: expect.any(Number), maxDuration: expect.any(String) });
      expect(app.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    });

    it('labels the openebs namespace privileged and creates it before storage', () => {
      expect(ns).toMatchObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } });
      expect(ns.metadata.labels).toEqual(PRIVILEGED);
      expect(Number(ns.metadata.annotations[WAVE])).toBeLessThan(Number(app.metadata.annotations[WAVE]));
    });

    it('gives the platform project exactly the repositories, destinations and cluster kinds it needs', () => {
      expect(project).toMatchObject({ kind: 'AppProject', metadata: { name: 'platform', namespace: 'argocd' } });
      expect(Number(project.metadata.annotations[WAVE])).toBeLessThan(Number(ns.metadata.annotations[WAVE]));
      expect(project.spec.sourceRepos).toEqual([spec.spec.gitops!.repoURL, 'https://openebs.github.io/openebs']);
      expect(project.spec.destinations).toEqual([
        { server: 'https://kubernetes.default.svc', namespace: 'openebs' },
        { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
      ]);
      const kinds = (project.spec.clusterResourceWhitelist as { group: string; kind: string }[]).map((k) => `${k.group}/${k.kind}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'apiextensions.k8s.io/CustomResourceDefinition',
          'rbac.authorization.k8s.io/ClusterRole',
          'rbac.authorization.k8s.io/ClusterRoleBinding',
          'storage.k8s.io/StorageClass',
          'scheduling.k8s.io/PriorityClass',
          '/Namespace',
          'snapshot.storage.k8s.io/VolumeSnapshotClass',
        ]),
      );
      expect(kinds.some((k) => k.includes('*'))).toBe(false);
      expect(new Set(kinds).size).toBe(kinds.length);
    });

    it('documents the tree: every file, the root application, waves and how to add an application', () => {
      const text = files.get(`${root}/README.md`)!.content;
      for (const rel of ['projects/platform-project.yaml', 'cluster-config/mayastor-namespace.yaml', 'applications/storage/mayastor.yaml']) {
        expect(text).toContain(`\`${rel}\``);
      }
      expect(text).toContain('directory.recurse: true');
      expect(text).toContain('resource.customizations.health.argoproj.io_Application');
      expect(text).toContain('## Adding an application');
      expect(text).toContain(mayastor.chartVersion);
    });

    it('keeps every secret of the spec out of the tree', () => {
      const all = [...files.values()].map((f) => f.content).join('\n');
      const placeholders = Object.values(placeholderEnv(readFileSync(file, 'utf8')));
      expect(placeholders.length).toBeGreaterThan(0);
      for (const value of placeholders) expect(all).not.toContain(value);
    });

    it('is deterministic', () => {
      expect(renderGitopsTree(spec)).toEqual(renderGitopsTree(structuredClone(spec)));
    });
  });
});

describe('etcdReplicaCount', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 3],
    [4, 3],
    [5, 3],
    [12, 3],
  ])('%i workers → %i etcd members', (workers, expected) => {
    expect(etcdReplicaCount(workers)).toBe(expected);
  });
});

describe('renderGitopsTree variants', () => {
  const base = loadExample(exampleSpecFiles().find((f) => f.endsWith('two-node.yaml'))!);

  it('follows spec.gitops.path and the pinned chart version', () => {
    const spec = structuredClone(base);
    spec.spec.gitops!.path = './clusters/prod/';
    spec.spec.storage!.mayastor!.chartVersion = '4.4.0';
    const files = tree(spec);
    expect([...files.keys()].every((p) => p.startsWith('clusters/prod/'))).toBe(true);
    expect(files.get('clusters/prod/applications/storage/mayastor.yaml')!.object!.spec.source.targetRevision).toBe('4.4.0');
  });

  it('renders no storage files, and no chart repository in the project, without Mayastor', () => {
    const spec = structuredClone(base);
    delete spec.spec.storage;
    const files = tree(spec);
    expect([...files.keys()].sort()).toEqual(['infra/gitops/README.md', 'infra/gitops/projects/platform-project.yaml']);
    const project = files.get('infra/gitops/projects/platform-project.yaml')!.object!;
    expect(project.spec.sourceRepos).toEqual([spec.spec.gitops!.repoURL]);
    expect(project.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(files.get('infra/gitops/README.md')!.content).not.toContain('mayastor.yaml');
  });

  it('refuses a spec without a GitOps repository, naming spec.gitops', () => {
    const spec = structuredClone(base);
    delete spec.spec.gitops;
    expect(() => renderGitopsTree(spec)).toThrow(CtoError);
    try {
      renderGitopsTree(spec);
    } catch (err) {
      expect((err as CtoError).diagnostics[0]).toMatchObject({ severity: 'error', path: 'spec.gitops', hint: expect.stringContaining('repoURL') });
    }
  });
});

describe('rootApplication', () => {
  it('syncs the whole tree folder recursively from the spec repository and revision', () => {
    const spec = loadExample(exampleSpecFiles().find((f) => f.endsWith('two-node.yaml'))!);
    const root = rootApplication(spec) as Obj;
    expect(root.spec.source).toEqual({
      repoURL: spec.spec.gitops!.repoURL,
      targetRevision: spec.spec.gitops!.revision,
      path: 'infra/gitops',
      directory: { recurse: true },
    });
    expect(root.spec.project).toBe('default');
    expect(root.metadata.namespace).toBe('argocd');
  });
});
