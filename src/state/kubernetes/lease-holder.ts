import type { V1Lease } from '@kubernetes/client-node';
import { CtoError } from '../../diagnostics/error.js';
import type { LockInfo } from '../lock.js';
import { COMMAND_ANNOTATION } from './object-names.js';

/** `<user>@<host>/<pid>/<random>`: who holds the Lease, readable in `kubectl get lease`. */
export function holderIdentity(user: string, host: string, pid: number, random: string): string {
  return `${user}@${host}/${pid}/${random}`;
}

/** The lock as the local backend describes it, read from a Lease; undefined when nobody holds it. */
export function leaseInfo(lease: V1Lease): LockInfo | undefined {
  const id = lease.spec?.holderIdentity;
  if (!id) return undefined;
  const m = /^(.*)@([^@/]*)\/(\d+)\/[^/]+$/.exec(id);
  const renewed = timeOf(lease.spec?.renewTime) ?? timeOf(lease.spec?.acquireTime) ?? 0;
  return {
    id,
    // A Lease written by another tool: show its identity whole rather than guess.
    holder: m ? m[1]! : id,
    host: m ? m[2]! : 'unknown host',
    pid: m ? Number(m[3]) : 0,
    command: lease.metadata?.annotations?.[COMMAND_ANNOTATION] ?? 'unknown command',
    startedAt: new Date(timeOf(lease.spec?.acquireTime) ?? renewed).toISOString(),
    expiresAt: new Date(renewed + (lease.spec?.leaseDurationSeconds ?? 0) * 1000).toISOString(),
  };
}

/**
 * Expired when `renewTime + leaseDurationSeconds` has passed by this machine's
 * clock: a CLI cannot afford client-go's "watch it unchanged for a whole
 * duration", so hosts sharing a lock need roughly synchronised clocks.
 */
export function isExpired(info: LockInfo, now: number): boolean {
  return Date.parse(info.expiresAt) <= now;
}

export function describeHolder(info: LockInfo): string {
  return `${info.holder}@${info.host} pid ${info.pid}`;
}

/** The same message as the local lock's, so users and scripts see one format whichever backend holds it. */
export function leaseLockedError(info: LockInfo, spec: string | undefined, where: string): CtoError {
  return new CtoError({
    severity: 'error',
    message: `state is locked by ${describeHolder(info)} running \`${info.command}\` since ${info.startedAt}; if that run is dead, wait until the lease expires at ${info.expiresAt} or run \`cto unlock -f ${spec ?? '<spec>'} --state-backend kubernetes\``,
    hint: `lock id ${info.id} (${where})`,
  });
}

function timeOf(t: Date | string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
