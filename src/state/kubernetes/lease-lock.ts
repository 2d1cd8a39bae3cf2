import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Lease } from '@kubernetes/client-node';
import { CtoError } from '../../diagnostics/error.js';
import type { Lock, LockInfo, LockOptions } from '../lock.js';
import { apiError, inNamespace, orAbsent, statusCode, type StateCluster } from './api.js';
import { describeHolder, holderIdentity, isExpired, leaseInfo, leaseLockedError } from './lease-holder.js';
import { COMMAND_ANNOTATION, leaseName, stateLabels } from './object-names.js';
import { userName } from '../../config/env.js';

export interface LeaseLockOptions extends LockOptions {
  /** How long to wait for a live holder to let go; 0 (default) fails at once. */
  waitMs?: number;
  /** Poll interval while waiting. */
  pollMs?: number;
}

type Attempt = { lock: Lock } | { held: LockInfo };

/**
 * The state lock as a `coordination.k8s.io/v1` Lease `cto-lock-<cluster>`.
 * Taking it is a create; taking over an expired one is an update guarded by
 * the resourceVersion read, so of two takers only one wins.
 */
export class LeaseLock {
  readonly name: string;

  constructor(
    private readonly sc: StateCluster,
    readonly namespace: string,
    readonly cluster: string,
  ) {
    this.name = leaseName(cluster);
  }

  get where(): string {
    return `Lease ${this.namespace}/${this.name} on ${this.sc.server}`;
  }

  async acquire(opts: LeaseLockOptions): Promise<Lock> {
    const now = opts.now ?? Date.now;
    const deadline = now() + (opts.waitMs ?? 0);
    const identity = holderIdentity(userName(), os.hostname(), process.pid, randomBytes(4).toString('hex'));
    for (;;) {
      const attempt = await this.#attempt(identity, opts, now).catch((err: unknown) => {
        throw apiError(err, `taking the state lock ${this.where}`);
      });
      if ('lock' in attempt) return attempt.lock;
      const left = deadline - now();
      if (left <= 0) throw leaseLockedError(attempt.held, opts.spec, this.where);
      await sleep(Math.min(opts.pollMs ?? 1000, left));
    }
  }

  /** For `cto unlock`: deletes the Lease whoever holds it, and says who that was. */
  async break(): Promise<LockInfo | undefined> {
    try {
      const lease = await this.#read();
      if (!lease) return undefined;
      await orAbsent(this.sc.coordination.deleteNamespacedLease({ name: this.name, namespace: this.namespace }));
      return leaseInfo(lease);
    } catch (err) {
      throw apiError(err, `breaking the state lock ${this.where}`);
    }
  }

  /** Who holds the lock now, expired or not. */
  async holder(): Promise<LockInfo | undefined> {
    const lease = await this.#read().catch((err: unknown) => {
      throw apiError(err, `reading ${this.where}`);
    });
    return lease ? leaseInfo(lease) : undefined;
  }

  async #attempt(identity: string, opts: LeaseLockOptions, now: () => number): Promise<Attempt> {
    const body = this.#body(identity, opts.command, opts.ttlMs, now());
    try {
      const created = await inNamespace(this.sc, this.namespace, () => this.sc.coordination.createNamespacedLease({ namespace: this.namespace, body }));
      return { lock: this.#handle(created, opts, now) };
    } catch (err) {
      if (statusCode(err) !== 409) throw err;
    }
    const existing = await this.#read();
    // Released between our create and the read: try again at once.
    if (!existing) return this.#attempt(identity, opts, now);
    const held = leaseInfo(existing);
    if (held && !isExpired(held, now())) return { held };
    body.metadata!.resourceVersion = existing.metadata!.resourceVersion!;
    body.spec!.leaseTransitions = (existing.spec?.leaseTransitions ?? 0) + 1;
    try {
      const taken = await this.sc.coordination.replaceNamespacedLease({ name: this.name, namespace: this.namespace, body });
      const warning = held ? `took over a stale lock held by ${describeHolder(held)} (expired at ${held.expiresAt})` : undefined;
      return { lock: this.#handle(taken, opts, now, warning) };
    } catch (err) {
      if (statusCode(err) !== 409 && statusCode(err) !== 404) throw err;
      // Another taker won the update: report it as the holder.
      const winner = await this.#read();
      const info = winner && leaseInfo(winner);
      return info ? { held: info } : this.#attempt(identity, opts, now);
    }
  }

  #body(identity: string, command: string, ttlMs: number, at: number): V1Lease {
    const time = this.sc.microTime(at);
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, labels: stateLabels(this.cluster), annotations: { [COMMAND_ANNOTATION]: command } },
      spec: { holderIdentity: identity, leaseDurationSeconds: Math.max(1, Math.ceil(ttlMs / 1000)), acquireTime: time, renewTime: time },
    };
  }

  #read(): Promise<V1Lease | undefined> {
    return orAbsent(this.sc.coordination.readNamespacedLease({ name: this.name, namespace: this.namespace }));
  }

  #handle(lease: V1Lease, opts: LeaseLockOptions, now: () => number, warning?: string): Lock {
    const identity = lease.spec!.holderIdentity!;
    const lost = (current: V1Lease | undefined) => {
      const info = current && leaseInfo(current);
      return new CtoError({
        severity: 'error',
        message: info ? `the state lock was taken by ${describeHolder(info)} while this run held it` : 'the state lock was removed while this run held it',
        hint: 'another run may have changed the cluster; run `cto plan` before continuing',
      });
    };
    const lock: Lock = {
      info: leaseInfo(lease)!,
      renew: async () => {
        // Two rounds: a 409 means the Lease changed under us (someone annotated it, or took it); re-read and judge again.
        for (let round = 0; ; round++) {
          const current = await this.#read().catch((err: unknown) => {
            throw apiError(err, `renewing the state lock ${this.where}`);
          });
          if (current?.spec?.holderIdentity !== identity) throw lost(current);
          current.spec.renewTime = this.sc.microTime(now());
          try {
            lock.info = leaseInfo(await this.sc.coordination.replaceNamespacedLease({ name: this.name, namespace: this.namespace, body: current }))!;
            return;
          } catch (err) {
            if (statusCode(err) !== 409 || round > 0) throw apiError(err, `renewing the state lock ${this.where}`);
          }
        }
      },
      release: async () => {
        const current = await this.#read().catch(() => undefined);
        if (current?.spec?.holderIdentity !== identity) return;
        try {
          await this.sc.coordination.deleteNamespacedLease({
            name: this.name,
            namespace: this.namespace,
            body: { preconditions: { resourceVersion: current.metadata!.resourceVersion!, uid: current.metadata!.uid! } },
          });
        } catch (err) {
          // 404: gone already; 409: taken over meanwhile, so no longer ours to delete.
          if (statusCode(err) !== 404 && statusCode(err) !== 409) throw apiError(err, `releasing the state lock ${this.where}`);
        }
      },
    };
    if (warning !== undefined) lock.warning = warning;
    return lock;
  }
}
