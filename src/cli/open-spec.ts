import { openSpec, type OpenedSpec } from '../engine/session.js';
import { readSpec } from './read-spec.js';
import { isStdin } from './stdin.js';

/** `-f FILE` (or stdin) read, validated and opened with its state folder, as every command that plans needs it. */
export async function openSpecFile(opts: { file?: string; stateDir?: string }, env: Record<string, string | undefined> = process.env): Promise<OpenedSpec> {
  const spec = await readSpec(opts.file, env);
  return openSpec(spec, { ...(isStdin(opts.file!) ? {} : { specFile: opts.file! }), ...(opts.stateDir !== undefined ? { stateDir: opts.stateDir } : {}) }, env);
}
