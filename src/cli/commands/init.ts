import { writeFile } from 'node:fs/promises';
import { CtoError } from '../../diagnostics/error.js';
import { loadSpec } from '../../spec/load.js';
import { renderInitSpec, type InitFlags } from '../init-spec.js';

/** Writes a commented cluster.yaml from the original installer's flags, and optionally a GitOps tree. */
export async function initCommand(flags: InitFlags & { out?: string; force?: boolean; gitops?: string }): Promise<number> {
  const out = flags.out ?? 'cluster.yaml';
  const text = renderInitSpec(flags);
  // Validate what we write with placeholder credentials: a bad flag is reported against the flag, not a file.
  const check = loadSpec(text, out, { LATITUDE_PROJECT_ID: 'placeholder', LATITUDE_API_KEY: 'placeholder' });
  if (check.diagnostics.some((d) => d.severity === 'error')) throw new CtoError(check.diagnostics);
  try {
    await writeFile(out, text, { flag: flags.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new CtoError({ severity: 'error', file: out, message: 'already exists', hint: 'pass --force to overwrite it' });
    throw e;
  }
  process.stdout.write(`wrote ${out}\n`);
  if (flags.gitops) {
    const { writeGitopsTree } = await import('../../gitops-tree/write.js');
    for (const path of await writeGitopsTree(check.spec!.cluster, flags.gitops, { force: flags.force === true })) process.stdout.write(`wrote ${path}\n`);
  }
  return 0;
}
