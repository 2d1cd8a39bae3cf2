import { CtoError } from '../diagnostics/error.js';
import type { Cluster } from '../spec/types.gen.js';

export type GitopsSpec = NonNullable<Cluster['spec']['gitops']>;

/** The spec's `gitops` section; a tree can not be rendered or checked without the repository it lives in. */
export function gitopsOf(spec: Cluster): GitopsSpec {
  const gitops = spec.spec.gitops;
  if (!gitops) {
    throw new CtoError({
      severity: 'error',
      message: 'the spec has no `spec.gitops` section, so there is no GitOps repository to render a tree for',
      path: 'spec.gitops',
      hint: 'add `spec.gitops.repoURL` (and optionally `path`, default infra/gitops) to cluster.yaml',
    });
  }
  return gitops;
}

/** `infra/gitops/` → `infra/gitops`: the folder as Argo CD's `source.path` and our file paths expect it. */
export function treeRoot(gitops: GitopsSpec): string {
  return gitops.path.replace(/^\.\/+/, '').replace(/\/+$/, '') || '.';
}
