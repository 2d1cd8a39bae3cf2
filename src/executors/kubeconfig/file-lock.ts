import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import { isCode } from '../../state/folder.js';
import { pidAlive } from '../../state/pid-alive.js';
import { systemClock, type Clock } from '../../time/clock.js';

/** kubectl gives up at once on a held lock; a concurrent apply of another cluster is worth a short wait. */
const WAIT_MS = 15_000;
const POLL_MS = 50;
/** kubectl holds its (empty) lock for one write, milliseconds: an older one was left by a crash. */
const STALE_MS = 60_000;

/**
 * Runs `body` holding `<file>.lock`, the lock kubectl and client-go take around every kubeconfig
 * write (an empty file created with O_EXCL, removed after): two applies, or an apply and a
 * `kubectl config use-context`, never lose each other's edits. cto writes its pid and host into
 * the lock, so the lock of a cto killed mid-write is taken over at once rather than blocking every
 * re-run; kubectl's empty lock is taken over once it is older than any write takes.
 */
export async function withKubeconfigLock<T>(file: string, signal: AbortSignal, body: () => Promise<T>, clock: Clock = systemClock): Promise<T> {
  const lock = `${file}.lock`;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const deadline = clock.now() + WAIT_MS;
  for (;;) {
    try {
      await fs.writeFile(lock, `cto ${process.pid} ${hostname()}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      if (await isStale(lock)) {
        await fs.rm(lock, { force: true });
        continue;
      }
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

async function isStale(lock: string): Promise<boolean> {
  const [content, stat] = await Promise.all([fs.readFile(lock, 'utf8').catch(() => ''), fs.stat(lock).catch(() => undefined)]);
  if (!stat) return false; // gone meanwhile: the next try takes it
  const [tool, pid, host] = content.trim().split(' ');
  if (tool === 'cto' && host === hostname() && !pidAlive(Number(pid))) return true;
  return Date.now() - stat.mtimeMs > STALE_MS;
}
