import type { StepContext } from '../step-kind.js';
import { registerSecrets } from '../secret-files.js';
import { readIfExists, resolveLink } from './atomic-file.js';
import { withKubeconfigLock } from './file-lock.js';
import { kubeconfigTarget } from './target.js';

/** The user's kubeconfig a `kubeconfig` step edits. */
export interface UserFile {
  /** Where it really lives (a symlink resolved). */
  file: string;
  /** Its text, undefined when the file does not exist. */
  existing?: string;
  /** Its exact bytes, for a backup. */
  raw?: Buffer;
}

/**
 * Reads the file `spec.kubeconfig.path` names (`specPath`, '' for `$KUBECONFIG` / `~/.kube/config`),
 * registering the key material of every other context in it, so no log or error can carry it.
 */
export async function readUserFile(specPath: string, ctx: StepContext): Promise<UserFile> {
  const file = await resolveLink(kubeconfigTarget(specPath || undefined, ctx.env));
  const raw = await readIfExists(file);
  if (!raw) return { file };
  const existing = raw.toString('utf8');
  registerSecrets(ctx, existing);
  return { file, existing, raw };
}

/** Runs `body` (read, edit, write) under kubectl's lock of the file `specPath` names, the link itself as kubectl locks it. */
export function lockedUserFile<T>(specPath: string, ctx: StepContext, body: () => Promise<T>): Promise<T> {
  return withKubeconfigLock(kubeconfigTarget(specPath || undefined, ctx.env), ctx.signal, body);
}
