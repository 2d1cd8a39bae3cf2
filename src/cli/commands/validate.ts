import { compile } from '../../planner/compile.js';
import { readSpec } from '../read-spec.js';

export async function validateCommand(opts: { file?: string; gitops?: string }): Promise<number> {
  const spec = await readSpec(opts.file);
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
