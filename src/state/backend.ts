import { setTimeout as sleep } from 'node:timers/promises';
import { CtoError } from '../diagnostics/error.js';
import type { StateFolder } from './folder.js';
import { acquireLock, breakLock, readLock, type Lock, type LockInfo, type LockOptions } from './lock.js';
import { envConfig } from '../config/env.js';

/** A state folder's files by name: what a backend stores and restores. */
export type StateFiles = Map<string, Buffer>;

export interface BackendLockOptions extends LockOptions {
  /** Keep trying this long while a live holder has the lock; 0 (default) fails at once. */
  waitMs?: number;
  pollMs?: number;
}

/** Where a cluster's state lives between runs, and the lock that serialises runs. */
export interface StateBackend {
  /** Human-readable place, for messages ("Secret cto-state/cto-state-prod on https://…"). */
  readonly location: string;
  /**
   * Makes `into` hold exactly the backend's state (files it lacks are removed;
   * the local lock is left alone). When nothing is stored yet it fails, or with
   * `allowEmpty` (a run about to create the cluster) leaves `into` as it is.
   */
  pull(into: StateFolder, opts?: { allowEmpty?: boolean }): Promise<void>;
  /**
   * Makes the backend hold exactly `from`'s state. A shared backend refuses when
   * someone else pushed since `from` last pulled or pushed, unless `force`.
   */
  push(from: StateFolder, opts?: { force?: boolean }): Promise<void>;
  lock(opts: BackendLockOptions): Promise<Lock>;
  /** Breaks the lock whoever holds it (`cto unlock`); returns who held it. */
  unlock(): Promise<LockInfo | undefined>;
}

/** Which generation of the remote state this folder last matched (see the kubernetes backend). */
export const SYNC_RECORD = 'remote-state.json';

/** Files about this place (its lock, its sync record), never state to carry elsewhere. */
export const isPlaceFile = (name: string) => name === 'lock.json' || name === SYNC_RECORD;

export async function readStateFiles(folder: StateFolder): Promise<StateFiles> {
  const files: StateFiles = new Map();
  for (const name of await folder.list()) {
    if (isPlaceFile(name)) continue;
    const data = await folder.read(name);
    if (data) files.set(name, data);
  }
  return files;
}

/** Writes every file atomically (0600) and removes the folder's files that `files` lacks. */
export async function writeStateFiles(files: StateFiles, into: StateFolder): Promise<void> {
  for (const [name, data] of files) await into.writeAtomic(name, data);
  const removed = (await into.list()).filter((name) => !isPlaceFile(name) && !files.has(name));
  for (const name of removed) await into.remove(name);
}

/** The state folder itself: the single-user default. */
export class LocalBackend implements StateBackend {
  constructor(readonly folder: StateFolder) {}

  get location(): string {
    return this.folder.dir;
  }

  async pull(into: StateFolder): Promise<void> {
    if (into.dir === this.folder.dir) return;
    await writeStateFiles(await readStateFiles(this.folder), into);
  }

  async push(from: StateFolder): Promise<void> {
    if (from.dir === this.folder.dir) return;
    await writeStateFiles(await readStateFiles(from), this.folder);
  }

  async lock(opts: BackendLockOptions): Promise<Lock> {
    const now = opts.now ?? Date.now;
    const deadline = now() + (opts.waitMs ?? 0);
    for (;;) {
      try {
        return await acquireLock(this.folder, opts);
      } catch (err) {
        // Only a lock someone still holds is worth waiting for; anything else fails now.
        const left = deadline - now();
        if (!(err instanceof CtoError) || left <= 0 || !(await readLock(this.folder).catch(() => undefined))) throw err;
        await sleep(Math.min(opts.pollMs ?? 1000, left));
      }
    }
  }

  unlock(): Promise<LockInfo | undefined> {
    return breakLock(this.folder);
  }
}

export interface StateBackendOptions {
  /** `local` (default) or `kubernetes`; env CTO_STATE_BACKEND. */
  stateBackend?: string;
  /** Kubeconfig of the cluster holding team state; env CTO_STATE_KUBECONFIG, else the default kubeconfig. */
  stateKubeconfig?: string;
  /** Namespace there; env CTO_STATE_NAMESPACE, default `cto-state`. */
  stateNamespace?: string;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The backend the flags (or their environment variables) select for one
 * cluster. `folder` is the local state folder: the local backend's store, and
 * the working copy the kubernetes backend is pulled into and pushed from.
 */
export async function backendFromOptions(
  opts: StateBackendOptions & { cluster: string; folder: StateFolder },
  env: Record<string, string | undefined> = process.env,
): Promise<StateBackend> {
  const config = envConfig(env);
  const kind = opts.stateBackend ?? config.stateBackend ?? 'local';
  if (kind === 'local') return new LocalBackend(opts.folder);
  if (kind !== 'kubernetes') {
    throw new CtoError({ severity: 'error', message: `unknown state backend ${JSON.stringify(kind)}`, hint: 'use --state-backend local or --state-backend kubernetes' });
  }
  const namespace = opts.stateNamespace ?? config.stateNamespace ?? 'cto-state';
  if (!DNS_LABEL.test(namespace)) {
    throw new CtoError({ severity: 'error', message: `invalid state namespace ${JSON.stringify(namespace)}: it must be a DNS label (lowercase letters, digits, '-')` });
  }
  const { KubernetesBackend } = await import('./kubernetes/backend.js');
  return KubernetesBackend.connect({ kubeconfig: opts.stateKubeconfig ?? config.stateKubeconfig, namespace, cluster: opts.cluster, env });
}
