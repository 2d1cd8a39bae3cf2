import { stringify } from 'yaml';
import type { KubeObject } from '../clients/kube/object.js';
import type { Cluster } from '../spec/types.gen.js';
import { gitopsOf, treeRoot } from './gitops-spec.js';
import { mayastorApplication } from './mayastor-application.js';
import { mayastorNamespace } from './mayastor-namespace.js';
import { platformProject } from './platform-project.js';
import { readme } from './readme.js';

export interface TreeFile {
  /** Relative to the repository root: `<spec.gitops.path>/applications/storage/mayastor.yaml`. */
  path: string;
  content: string;
}

/** Where each file lives inside `spec.gitops.path`; the checker looks for them there. */
export const TREE_FILES = {
  readme: 'README.md',
  project: 'projects/platform-project.yaml',
  namespace: 'cluster-config/mayastor-namespace.yaml',
  mayastor: 'applications/storage/mayastor.yaml',
} as const;

/** The GitOps starter tree for `spec`, pure: same spec, same bytes. */
export function renderGitopsTree(spec: Cluster): TreeFile[] {
  const gitops = gitopsOf(spec);
  const root = treeRoot(gitops);
  const at = (rel: string) => (root === '.' ? rel : `${root}/${rel}`);
  const mayastor = spec.spec.storage?.mayastor;
  const files: TreeFile[] = [
    { path: at(TREE_FILES.readme), content: readme(spec, gitops, root) },
    { path: at(TREE_FILES.project), content: manifest(platformProject(spec, gitops)) },
  ];
  if (mayastor) {
    files.push(
      { path: at(TREE_FILES.namespace), content: manifest(mayastorNamespace()) },
      { path: at(TREE_FILES.mayastor), content: manifest(mayastorApplication(spec, mayastor)) },
    );
  }
  return files;
}

const HEADER = '# Rendered by `cto init --gitops` from cluster.yaml; see README.md in this tree.\n';

function manifest(object: KubeObject): string {
  return HEADER + stringify(object, { lineWidth: 0 });
}
