import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { CtoError } from '../diagnostics/error.js';
import type { StateFolder } from './folder.js';
import { pidAlive } from './pid-alive.js';
import { userName } from '../config/env.js';

export interface LockInfo {
  id: string;
  /** User name of the holder. */
  holder: string;
  host: string;
  pid: number;
  command: string;
  /** ISO 8601. */
  startedAt: string;
  expiresAt: string;
}

export interface Lock {
  info: LockInfo;
  /** Set when a stale lock (dead holder or expired) was taken over; the caller shows it. */
  warning?: string;
  /** Pushes `expiresAt` forward by the ttl; fails if someone broke the lock meanwhile. */
  renew(): Promise<void>;
  /** Removes the lock if it is still ours. */
  release(): Promise<void>;
}

export interface LockOptions {
  command: string;
  ttlMs: number;
  /** The spec path, for the `cto unlock -f <spec>` hint. */
  spec?: string;
  now?: () => number;
}

const FILE = 'lock.json';

/**
 * Takes the state folder's lock: `lock.json` created with O_EXCL semantics.
 * A live holder is an error naming who, where, what and since when; a holder
 * that is dead (same host, pid gone) or past its expiry is taken over.
 */
export async function acquireLock(folder: StateFolder, opts: LockOptions): Promise<Lock> {
  const now = opts.now ?? Date.now;
  let warning: string | undefined;
  // Two rounds: the second follows a takeover; racing another taker ends in a plain "locked" error.
  for (let round = 0; round < 2; round++) {
    const info = newInfo(opts.command, opts.ttlMs, now());
    if (await folder.createExclusive(FILE, `${JSON.stringify(info, null, 2)}\n`)) {
      return handle(folder, info, opts, now, warning);
    }
    const current = await readLock(folder);
    if (!current) continue; // released between our attempt and the read
    const stale = staleReason(current, now());
    if (!stale || round > 0) throw lockedError(current, opts.spec);
    if (!(await removeIfUnchanged(folder, current))) throw lockedError((await readLock(folder)) ?? current, opts.spec);
    warning = `took over a stale lock held by ${describe(current)} (${stale})`;
  }
  const current = await readLock(folder);
  throw current ? lockedError(current, opts.spec) : new CtoError({ severity: 'error', message: 'could not take the state lock' });
}

/** For `cto unlock -f`: removes whatever lock is there and returns what it said. */
export async function breakLock(folder: StateFolder): Promise<LockInfo | undefined> {
  const current = await readLock(folder);
  await folder.remove(FILE);
  return current;
}

export async function readLock(folder: StateFolder): Promise<LockInfo | undefined> {
  const data = await folder.read(FILE);
  if (!data) return undefined;
  try {
    const info = JSON.parse(data.toString('utf8')) as LockInfo;
    if (typeof info.id === 'string' && typeof info.pid === 'number') return info;
  } catch {
    // fall through: an unreadable lock is reported, never silently taken
  }
  throw new CtoError({
    severity: 'error',
    message: `the state lock ${folder.path(FILE)} is unreadable`,
    hint: 'if no other cto run is active, run `cto unlock -f <spec>`',
  });
}

function newInfo(command: string, ttlMs: number, at: number): LockInfo {
  return {
    id: randomUUID(),
    holder: userName(),
    host: os.hostname(),
    pid: process.pid,
    command,
    startedAt: new Date(at).toISOString(),
    expiresAt: new Date(at + ttlMs).toISOString(),
  };
}

function handle(folder: StateFolder, info: LockInfo, opts: LockOptions, now: () => number, warning: string | undefined): Lock {
  const lock: Lock = {
    info,
    async renew() {
      const current = await readLock(folder);
      if (current?.id !== info.id) {
        throw new CtoError({
          severity: 'error',
          message: current ? `the state lock was taken by ${describe(current)} while this run held it` : 'the state lock was removed while this run held it',
          hint: 'another run may have changed the cluster; run `cto plan` before continuing',
        });
      }
      lock.info = { ...info, expiresAt: new Date(now() + opts.ttlMs).toISOString() };
      info = lock.info;
      await folder.writeAtomic(FILE, `${JSON.stringify(info, null, 2)}\n`);
    },
    async release() {
      const current = await readLock(folder).catch(() => undefined);
      if (current?.id === info.id) await folder.remove(FILE);
    },
  };
  if (warning !== undefined) lock.warning = warning;
  return lock;
}

function staleReason(info: LockInfo, at: number): string | undefined {
  if (Date.parse(info.expiresAt) <= at) return `expired at ${info.expiresAt}`;
  if (info.host === os.hostname() && !pidAlive(info.pid)) return `pid ${info.pid} is no longer running`;
  return undefined;
}

/** Deletes the stale lock only if it is still the one we judged stale (another taker may have replaced it). */
async function removeIfUnchanged(folder: StateFolder, stale: LockInfo): Promise<boolean> {
  const current = await readLock(folder);
  if (!current) return true;
  if (current.id !== stale.id) return false;
  await folder.remove(FILE);
  return true;
}

function lockedError(info: LockInfo, spec: string | undefined): CtoError {
  return new CtoError({
    severity: 'error',
    message: `state is locked by ${describe(info)} running \`${info.command}\` since ${info.startedAt}; if that run is dead, run \`cto unlock -f ${spec ?? '<spec>'}\``,
    hint: `lock id ${info.id}, expires at ${info.expiresAt}`,
  });
}

function describe(info: LockInfo): string {
  return `${info.holder}@${info.host} pid ${info.pid}`;
}
