// Test files of the integration tier run two at a time against one control plane. Most keep to names of
// their own; a few must change objects that exist once per cluster (Argo CD's CRDs, the DiskPool CRD, the
// argocd and openebs namespaces the product installs into). Those files hold this lock for their whole
// run, so they take turns while the other files run beside them.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { pidAlive } from '../../src/state/pid-alive.js';

const POLL_MS = 200;

async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // A worker that died holding it (its pid file may not be written yet: then wait).
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (holder && !pidAlive(holder)) await rm(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Call at the top of a test file that changes the control plane's once-per-cluster objects. */
export function changesSharedObjects(kubeconfigPath: string): void {
  const lock = join(dirname(kubeconfigPath), 'shared-objects.lock');
  // As long as the other holders may take, one after the other.
  beforeAll(() => acquire(lock), 1_800_000);
  afterAll(() => rm(lock, { recursive: true, force: true }));
}
