import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import { loadSpec } from '../../spec/load.js';
import { renderInitSpec, type InitFlags } from '../init-spec.js';
import { SCHEMA_FILE, writeSchema } from './schema.js';

/**
 * Writes a commented cluster.yaml from the original installer's flags, the JSON Schema beside it (the
 * spec's modeline names it by a relative path, so editors complete and check it offline, from the
 * repository itself), and optionally a GitOps tree.
 */
export async function initCommand(flags: InitFlags & { out?: string; force?: boolean; gitops?: string }): Promise<number> {
  const out = flags.out ?? 'cluster.yaml';
  const text = renderInitSpec(flags, `./${SCHEMA_FILE}`);
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
  const schema = join(dirname(out), SCHEMA_FILE);
  await writeSchema(schema);
  process.stdout.write(`wrote ${schema}\n`);
  if (flags.gitops) {
    const { writeGitopsTree } = await import('../../gitops-tree/write.js');
    for (const path of await writeGitopsTree(check.spec!.cluster, flags.gitops, { force: flags.force === true })) process.stdout.write(`wrote ${path}\n`);
  }
  return 0;
}
