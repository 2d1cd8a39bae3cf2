import * as os from 'node:os';
import { CtoError } from '../../diagnostics/error.js';
import { SYNC_RECORD, readStateFiles, writeStateFiles, type BackendLockOptions, type StateBackend } from '../backend.js';
import type { StateFolder } from '../folder.js';
import type { Lock, LockInfo } from '../lock.js';
import { connectStateCluster } from './api.js';
import { indexSecretName } from './object-names.js';
import { stateKeyFromEnv } from './key.js';
import { LeaseLock } from './lease-lock.js';
import { packFiles, unpackFiles } from './pack.js';
import { SecretStore } from './secret-store.js';
import { userName } from '../../config/env.js';

export interface KubernetesBackendOptions {
  /** Kubeconfig of the management cluster; undefined: the default ($KUBECONFIG, ~/.kube/config). */
  kubeconfig: string | undefined;
  namespace: string;
  cluster: string;
  /** Read for CTO_STATE_KEY when state is moved; locking needs no key. */
  env: Record<string, string | undefined>;
}

/** Team state: encrypted Secrets and a Lease in a management cluster. */
export class KubernetesBackend implements StateBackend {
  private constructor(
    private readonly lease: LeaseLock,
    private readonly store: () => SecretStore,
    readonly location: string,
  ) {}

  static async connect(o: KubernetesBackendOptions): Promise<KubernetesBackend> {
    const sc = await connectStateCluster(o.kubeconfig);
    const store = () => new SecretStore(sc, o.namespace, o.cluster, stateKeyFromEnv(o.env));
    return new KubernetesBackend(new LeaseLock(sc, o.namespace, o.cluster), store, `Secret ${o.namespace}/${indexSecretName(o.cluster)} on ${sc.server}`);
  }

  async pull(into: StateFolder, opts: { allowEmpty?: boolean } = {}): Promise<void> {
    const stored = await this.store().read();
    if (!stored && opts.allowEmpty) return;
    if (!stored) {
      throw new CtoError({ severity: 'error', message: `no state is stored in ${this.location} yet`, hint: 'push it first from the folder that has it: `cto state push -f <spec> --state-backend kubernetes`' });
    }
    await writeStateFiles(unpackFiles(stored.plaintext), into);
    await this.#record(into, stored.generation);
  }

  async push(from: StateFolder, opts: { force?: boolean } = {}): Promise<void> {
    const basedOn = opts.force ? undefined : await this.#synced(from);
    const written = await this.store().write(packFiles(await readStateFiles(from)), `${userName()}@${os.hostname()}`, basedOn);
    await this.#record(from, written.generation);
  }

  /** The generation `folder` last matched here; 0 if it never synced with this place. */
  async #synced(folder: StateFolder): Promise<number> {
    const data = await folder.read(SYNC_RECORD);
    try {
      const record = JSON.parse(data?.toString('utf8') ?? '{}') as { location?: unknown; generation?: unknown };
      return record.location === this.location && typeof record.generation === 'number' ? record.generation : 0;
    } catch {
      return 0;
    }
  }

  #record(folder: StateFolder, generation: number): Promise<void> {
    return folder.writeAtomic(SYNC_RECORD, `${JSON.stringify({ location: this.location, generation }, null, 2)}\n`);
  }

  lock(opts: BackendLockOptions): Promise<Lock> {
    return this.lease.acquire(opts);
  }

  unlock(): Promise<LockInfo | undefined> {
    return this.lease.break();
  }
}
