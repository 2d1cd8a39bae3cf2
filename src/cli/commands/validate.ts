import { compile } from '../../planner/compile.js';
import { readSpec } from '../read-spec.js';

export async function validateCommand(opts: { file?: string; gitops?: string; requireEnv?: boolean }): Promise<number> {
  // Like `terraform validate`, no credentials needed: a job without secrets (a fork's pull request) can run it.
  const spec = await readSpec(opts.file, process.env, { unsetEnv: opts.requireEnv ? 'error' : 'note' });
  compile(spec.cluster);
  if (opts.gitops) {
    const { checkGitopsTree } = await import('../../gitops-tree/check.js');
    const diagnostics = await checkGitopsTree(spec.cluster, opts.gitops);
    if (diagnostics.some((d) => d.severity === 'error')) {
      const { CtoError } = await import('../../diagnostics/error.js');
      throw new CtoError(diagnostics);
    }
  }
  process.stdout.write(`${spec.source.file}: valid (${spec.cluster.metadata.name})\n`);
  return 0;
}
