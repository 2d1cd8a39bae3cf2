import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { checkGitopsTree } from '../../src/gitops-tree/check.js';
import { writeGitopsTree } from '../../src/gitops-tree/write.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { EXAMPLE_TREE, loadExample, REPO_ROOT } from './example-specs.js';

const spec: Cluster = loadExample(path.join(REPO_ROOT, EXAMPLE_TREE.spec));
let dir: string;
let root: string;
const mayastorFile = () => path.join(root, 'applications/storage/mayastor.yaml');

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionIn(text: string, needle: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  expect(at, `${needle} in the file`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

async function edit(file: string, from: string, to: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  const next = text.replace(from, to);
  await writeFile(file, next);
  return next;
}

const application = (name: string, wave?: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
${wave === undefined ? '' : `  annotations:\n    argocd.argoproj.io/sync-wave: "${wave}"\n`}spec:
  project: default
  source: { repoURL: https://github.com/example/apps.git, path: ${name}, targetRevision: main }
  destination: { server: https://kubernetes.default.svc, namespace: ${name} }
`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cto-gitops-'));
  root = path.join(dir, spec.spec.gitops!.path);
  await writeGitopsTree(spec, dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkGitopsTree', () => {
  it('accepts the rendered tree, with workloads after storage', async () => {
    await mkdir(path.join(root, 'applications/apps'), { recursive: true });
    await writeFile(path.join(root, 'applications/apps/web.yaml'), application('web', '0'));
    expect(await checkGitopsTree(spec, dir)).toEqual([]);
  });

  it('points at targetRevision when the chart version differs from the spec', async () => {
    const text = await edit(mayastorFile(), 'targetRevision: 4.5.1', 'targetRevision: 4.3.2');
    const diagnostics = await checkGitopsTree(spec, dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      file: mayastorFile(),
      ...positionIn(text, '4.3.2'),
      path: 'spec.storage.mayastor.chartVersion',
      message: expect.stringMatching(/4\.3\.2.*4\.5\.1/),
      hint: expect.stringContaining('"4.5.1"'),
    });
  });

  it('reports a missing Mayastor application when the spec wants Mayastor', async () => {
    await rm(mayastorFile());
    const diagnostics = await checkGitopsTree(spec, dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', file: mayastorFile(), path: 'spec.storage.mayastor', hint: expect.stringContaining('cto init --gitops') }),
    ]);
  });

  it('does not ask for Mayastor when the spec has none', async () => {
    await rm(mayastorFile());
    const without = structuredClone(spec);
    delete without.spec.storage;
    expect(await checkGitopsTree(without, dir)).toEqual([]);
  });

  it('points at each application that syncs with or before storage', async () => {
    await mkdir(path.join(root, 'applications/apps'), { recursive: true });
    const early = path.join(root, 'applications/apps/early.yaml');
    const unannotated = path.join(root, 'applications/apps/plain.yaml');
    await writeFile(early, application('early', '-10'));
    await writeFile(unannotated, application('plain'));
    await edit(mayastorFile(), 'argocd.argoproj.io/sync-wave: "-10"', 'argocd.argoproj.io/sync-wave: "0"');
    const diagnostics = await checkGitopsTree(spec, dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: early,
        ...positionIn(application('early', '-10'), '"-10"'),
        message: expect.stringContaining('application "early" syncs in wave -10'),
        hint: expect.stringContaining('"1"'),
      }),
      expect.objectContaining({
        severity: 'error',
        file: unannotated,
        ...positionIn(application('plain'), 'name: plain'),
        message: expect.stringContaining('application "plain" syncs in wave 0 (no sync-wave annotation)'),
      }),
    ]);
  });

  it('warns, at the value, when the Mayastor values would not run on Talos or on this many workers', async () => {
    await edit(mayastorFile(), 'initContainers:\n                enabled: false', 'initContainers:\n                enabled: true');
    const text = await edit(mayastorFile(), 'replicaCount: 1', 'replicaCount: 3');
    const diagnostics = await checkGitopsTree(spec, dir);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: mayastorFile(),
        ...positionIn(text, 'true'),
        message: expect.stringContaining('mayastor.csi.node.initContainers.enabled to true'),
        hint: 'set helm.valuesObject.mayastor.csi.node.initContainers.enabled: false',
      }),
      expect.objectContaining({
        severity: 'warning',
        file: mayastorFile(),
        ...positionIn(text, '3\n'),
        message: expect.stringContaining('3 Mayastor etcd members, but the spec has 1 worker(s)'),
        hint: 'set helm.valuesObject.mayastor.etcd.replicaCount: 1',
      }),
    ]);
  });

  it('rejects a sync wave that is not an integer', async () => {
    const text = await edit(mayastorFile(), 'sync-wave: "-10"', 'sync-wave: "first"');
    expect(await checkGitopsTree(spec, dir)).toEqual([
      expect.objectContaining({ severity: 'error', file: mayastorFile(), ...positionIn(text, '"first"'), message: expect.stringContaining('not an integer') }),
    ]);
  });

  it('positions YAML syntax errors', async () => {
    const broken = path.join(root, 'cluster-config/broken.yaml');
    await writeFile(broken, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n');
    const diagnostics = await checkGitopsTree(spec, dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', file: broken, line: expect.any(Number), col: expect.any(Number) });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(4);
    expect(diagnostics[0]!.message).toMatch(/^YAML syntax: /);
  });

  it('reports a missing GitOps folder', async () => {
    const other = structuredClone(spec);
    other.spec.gitops!.path = 'clusters/prod';
    expect(await checkGitopsTree(other, dir)).toEqual([
      expect.objectContaining({ severity: 'error', file: path.join(dir, 'clusters/prod'), path: 'spec.gitops.path', message: expect.stringContaining('does not exist') }),
    ]);
  });

  it('reports a spec without gitops as a diagnostic, not an exception', async () => {
    const other = structuredClone(spec);
    delete other.spec.gitops;
    expect(await checkGitopsTree(other, dir)).toEqual([expect.objectContaining({ severity: 'error', path: 'spec.gitops' })]);
  });
});

describe('writeGitopsTree', () => {
  it('refuses to overwrite existing files without force and writes nothing', async () => {
    const readme = path.join(root, 'README.md');
    await writeFile(readme, 'mine\n');
    await rm(mayastorFile());
    const err = await writeGitopsTree(spec, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics.map((d) => d.file).sort()).toEqual(
      ['README.md', 'projects/platform-project.yaml', 'cluster-config/mayastor-namespace.yaml'].map((f) => path.join(root, f)).sort(),
    );
    expect((err as CtoError).diagnostics[0]!.hint).toContain('--force');
    expect(await readFile(readme, 'utf8')).toBe('mine\n');
    await expect(readFile(mayastorFile())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('overwrites with force and returns the written paths', async () => {
    await writeFile(path.join(root, 'README.md'), 'mine\n');
    const written = await writeGitopsTree(spec, dir, { force: true });
    expect(written.sort()).toEqual(
      ['README.md', 'projects/platform-project.yaml', 'cluster-config/mayastor-namespace.yaml', 'applications/storage/mayastor.yaml'].map((f) => path.join(root, f)).sort(),
    );
    expect(await readFile(path.join(root, 'README.md'), 'utf8')).toContain('# GitOps tree for cluster');
  });
});
