import { CtoError } from '../../diagnostics/error.js';
import { LocalBackend, backendFromOptions, isPlaceFile, readStateFiles, type StateBackendOptions } from '../../state/backend.js';
import { StateFolder } from '../../state/folder.js';
import { acquireLock, type Lock } from '../../state/lock.js';
import { readSpec } from '../read-spec.js';

export interface StateCommandOptions extends StateBackendOptions {
  file?: string;
  stateDir?: string;
  /** Seconds to wait for the remote lock while another run holds it. */
  lockWait?: number | string;
  /** Push even though someone else pushed since this folder last synced. */
  force?: boolean;
}

/** Long enough for any push or pull; a crashed run's lock expires after it. */
const LOCK_TTL_MS = 10 * 60 * 1000;

/**
 * `cto state push`: the local state folder → the remote backend, under both
 * locks (no local run is writing the folder, no remote run is using the state).
 * `cto state pull`: the remote backend → the local folder, under the local lock.
 */
export async function stateCommand(
  action: 'pull' | 'push',
  o: StateCommandOptions,
  env: Record<string, string | undefined> = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  if (action !== 'pull' && action !== 'push') {
    throw new CtoError({ severity: 'error', message: `unknown state action ${JSON.stringify(action)}`, hint: 'use `cto state pull` or `cto state push`' });
  }
  const cluster = (await readSpec(o.file, env)).cluster.metadata.name;
  const folder = new StateFolder(o.stateDir ?? StateFolder.forSpec(o.file === '-' ? 'cluster.yaml' : o.file!, cluster));
  const backend = await backendFromOptions({ ...o, cluster, folder }, env);
  if (backend instanceof LocalBackend) {
    throw new CtoError({
      severity: 'error',
      message: `cto state ${action} moves state between the local folder and a remote backend, and none is selected`,
      hint: 'pass --state-backend kubernetes --state-kubeconfig PATH (or set CTO_STATE_BACKEND and CTO_STATE_KUBECONFIG)',
    });
  }
  const waitMs = Number(o.lockWait ?? 0) * 1000;
  if (!Number.isFinite(waitMs) || waitMs < 0) {
    throw new CtoError({ severity: 'error', message: `--lock-wait must be a number of seconds, got ${JSON.stringify(String(o.lockWait))}` });
  }
  const command = `cto state ${action} -f ${o.file ?? '<spec>'}`;
  const held: Lock[] = [];
  try {
    const local = await acquireLock(folder, { command, ttlMs: LOCK_TTL_MS, ...(o.file ? { spec: o.file } : {}) });
    held.push(local);
    if (local.warning) process.stderr.write(`warning: ${local.warning}\n`);
    if (action === 'push') {
      const remote = await backend.lock({ command, ttlMs: LOCK_TTL_MS, waitMs, ...(o.file ? { spec: o.file } : {}) });
      held.push(remote);
      if (remote.warning) process.stderr.write(`warning: ${remote.warning}\n`);
      const files = await readStateFiles(folder);
      // An empty folder is almost always a fresh checkout; pushing it would wipe the team's state.
      if (files.size === 0) {
        throw new CtoError({ severity: 'error', message: `the state folder ${folder.dir} is empty: nothing to push`, hint: 'did you mean `cto state pull`?' });
      }
      await backend.push(folder, { force: o.force === true });
      out(`pushed ${describeFiles(files)} from ${folder.dir} to ${backend.location}`);
    } else {
      const before = new Set(await folder.list());
      await backend.pull(folder);
      const files = await readStateFiles(folder);
      const removed = [...before].filter((name) => !isPlaceFile(name) && !files.has(name));
      out(`pulled ${describeFiles(files)} from ${backend.location} into ${folder.dir}${removed.length ? `; removed ${removed.join(', ')}` : ''}`);
    }
  } finally {
    for (const lock of held.reverse()) await lock.release();
  }
  return 0;
}

function describeFiles(files: Map<string, Buffer>): string {
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  return `${files.size} file${files.size === 1 ? '' : 's'} (${bytes} bytes)`;
}
