import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import { isCode } from '../../state/folder.js';
import { systemClock, type Clock } from '../clock.js';

/** kubectl gives up at once on a held lock; a concurrent apply of another cluster is worth a short wait. */
const WAIT_MS = 15_000;
const POLL_MS = 50;

/**
 * Runs `body` holding `<file>.lock`, the lock kubectl and client-go take around every kubeconfig
 * write (an empty file created with O_EXCL, removed after): two applies, or an apply and a
 * `kubectl config use-context`, never lose each other's edits.
 */
export async function withKubeconfigLock<T>(file: string, signal: AbortSignal, body: () => Promise<T>, clock: Clock = systemClock): Promise<T> {
  const lock = `${file}.lock`;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const deadline = clock.now() + WAIT_MS;
  for (;;) {
    try {
      await (await fs.open(lock, 'wx', 0o600)).close();
      break;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      if (clock.now() >= deadline) {
        throw new CtoError({
          severity: 'error',
          message: `${file} is locked by another writer: ${lock} has existed for ${WAIT_MS / 1000} s`,
          hint: `if no kubectl or cto is writing it, the lock is stale: remove ${lock}`,
        });
      }
      await clock.sleep(POLL_MS, signal);
    }
  }
  try {
    return await body();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
