import { hostname } from 'node:os';
import { backendFromOptions, type StateBackendOptions } from '../state/backend.js';
import { interruptSignals } from './interrupts.js';
import type { OpenedSpec } from '../engine/session.js';

/** An hour is longer than any single run should hold the lock without renewing it. */
const LOCK_TTL_MS = 60 * 60 * 1000;

export interface LockedRunOptions extends StateBackendOptions {
  lockWait?: number;
}

/**
 * What every mutating command shares: the state lock (renewed while it runs), the team's state
 * pulled first and pushed back even when the run fails half-way (the Talos secrets of a half-built
 * cluster matter most), and the two-stage Ctrl-C.
 */
export async function lockedRun<T>(
  session: OpenedSpec,
  command: string,
  o: LockedRunOptions,
  log: (line: string) => void,
  body: (interrupts: { drain: AbortSignal; abort: AbortSignal }) => Promise<T>,
): Promise<T> {
  const backend = await backendFromOptions({ ...o, cluster: session.spec.cluster.metadata.name, folder: session.state });
  const lock = await backend.lock({ command: `${command} on ${hostname()}`, ttlMs: LOCK_TTL_MS, spec: session.spec.source.file, waitMs: Number(o.lockWait ?? 0) * 1000 });
  if (lock.warning) log(`warning: ${lock.warning}`);
  let pulled = false;
  const renew = setInterval(() => void lock.renew().catch(() => undefined), LOCK_TTL_MS / 4);
  const interrupts = interruptSignals(log);
  try {
    await backend.pull(session.state, { allowEmpty: true });
    pulled = true;
    return await body(interrupts);
  } finally {
    interrupts.dispose();
    clearInterval(renew);
    try {
      if (pulled) await backend.push(session.state);
    } finally {
      await lock.release();
    }
  }
}
