import { randomBytes } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { CtoError } from '../../diagnostics/error.js';
import { apiError, inNamespace, orAbsent, statusCode, type StateCluster } from './api.js';
import { CHUNK_BYTES, checkDigest, chunksDigest, openChunks, sealChunks, type ChunkRef } from './chunks.js';
import { CHUNK_TYPE, CLUSTER_LABEL, GENERATION_LABEL, INDEX_TYPE, chunkSecretName, indexSecretName, stateLabels } from './object-names.js';

const WRITE_LABEL = 'cto.dev/write';
/** Chunks of a write that never reached the index (its writer crashed) are collected once this old. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;
/** Reads retried when a newer write replaced the chunks between reading the index and the chunks. */
const READ_ATTEMPTS = 5;

/** What the index Secret says about the current write. */
export interface StateIndex {
  generation: number;
  /** Random id of the write; chunk names carry it so two writers never touch the same chunk. */
  write: string;
  count: number;
  /** sha256 of the stored (sealed) chunks, in order. */
  sha256: string;
}

export interface StoredState extends StateIndex {
  plaintext: Buffer;
}

/**
 * The encrypted state of one cluster as Secrets: an index
 * (`cto-state-<cluster>`) pointing at the chunks of the current write
 * (`cto-state-<cluster>.<generation>.<write>.<i>`).
 *
 * A push writes all of its chunks under fresh names first, then swaps the
 * index with a resourceVersion precondition: of two concurrent pushes exactly
 * one wins, and a reader never sees chunks of two writes mixed. The winner
 * deletes the previous write's chunks; the loser deletes its own.
 */
export class SecretStore {
  constructor(
    private readonly sc: StateCluster,
    readonly namespace: string,
    readonly cluster: string,
    private readonly key: Buffer,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  get where(): string {
    return `Secret ${this.namespace}/${indexSecretName(this.cluster)} on ${this.sc.server}`;
  }

  async read(): Promise<StoredState | undefined> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const index = await this.#readIndex();
      if (!index) return undefined;
      const boxes = await this.#readChunks(index.parsed);
      if (!boxes) continue; // replaced by a newer write while we read: start over from its index
      checkDigest(boxes, index.parsed.sha256, this.where);
      const ref: ChunkRef = { cluster: this.cluster, generation: index.parsed.generation };
      return { ...index.parsed, plaintext: openChunks(this.key, ref, boxes) };
    }
    throw new CtoError({ severity: 'error', message: `the state in ${this.where} kept changing while it was read (${READ_ATTEMPTS} attempts)`, hint: 'someone is pushing repeatedly; try again' });
  }

  /**
   * Stores `plaintext` as the next generation; fails if another push got in
   * since this one read the index, or, given `basedOn` (0: nothing stored),
   * when the stored generation is not the one the caller's copy came from.
   */
  async write(plaintext: Buffer, pushedBy: string, basedOn?: number): Promise<StateIndex> {
    const previous = await this.#readIndex();
    const current = previous?.parsed.generation ?? 0;
    if (basedOn !== undefined && current !== basedOn) {
      throw new CtoError({
        severity: 'error',
        message:
          basedOn === 0
            ? `${this.where} already holds state (generation ${current}) that this folder never pulled; pushing would overwrite it`
            : `${this.where} is at generation ${current}, but this folder last synced generation ${basedOn}: someone pushed since`,
        hint: 'run `cto state pull` and redo your change, or push with --force to overwrite their state',
      });
    }
    const next: StateIndex = { generation: current + 1, write: randomBytes(4).toString('hex'), count: 0, sha256: '' };
    const boxes = sealChunks(this.key, { cluster: this.cluster, generation: next.generation }, plaintext, this.chunkBytes);
    next.count = boxes.length;
    next.sha256 = chunksDigest(boxes);
    try {
      await inNamespace(this.sc, this.namespace, () => this.#createChunk(next, 0, boxes[0]!));
      await Promise.all(boxes.slice(1).map((box, i) => this.#createChunk(next, i + 1, box)));
      await this.#swapIndex(next, previous?.resourceVersion, pushedBy);
    } catch (err) {
      await this.#deleteChunks(next).catch(() => undefined);
      if (statusCode(err) === 409) {
        throw new CtoError({
          severity: 'error',
          message: `another push of cluster ${this.cluster}'s state got in first (${this.where} changed since this push read it)`,
          hint: 'run `cto state pull` to see what it wrote, then push again; hold the state lock to avoid this',
        });
      }
      throw apiError(err, `writing ${this.where}`);
    }
    if (previous) await this.#deleteChunks(previous.parsed).catch(() => undefined);
    await this.#collectOrphans(next.write).catch(() => undefined);
    return next;
  }

  async #readIndex(): Promise<{ parsed: StateIndex; resourceVersion: string } | undefined> {
    const name = indexSecretName(this.cluster);
    let secret: V1Secret | undefined;
    try {
      secret = await orAbsent(this.sc.core.readNamespacedSecret({ name, namespace: this.namespace }));
    } catch (err) {
      throw apiError(err, `reading ${this.where}`);
    }
    if (!secret) return undefined;
    const field = (k: string) => (secret.data?.[k] === undefined ? undefined : Buffer.from(secret.data[k]!, 'base64').toString('utf8'));
    const parsed: StateIndex = { generation: Number(field('generation')), write: field('write') ?? '', count: Number(field('count')), sha256: field('sha256') ?? '' };
    const valid =
      secret.type === INDEX_TYPE &&
      field('format') === 'cto-state/v1' &&
      Number.isSafeInteger(parsed.generation) &&
      parsed.generation > 0 &&
      /^[0-9a-f]{8}$/.test(parsed.write) &&
      Number.isSafeInteger(parsed.count) &&
      parsed.count > 0 &&
      /^[0-9a-f]{64}$/.test(parsed.sha256);
    if (!valid) {
      throw new CtoError({ severity: 'error', message: `${this.where} is not a cto state index`, hint: 'it was written by something else; move it away or use another --state-namespace' });
    }
    return { parsed, resourceVersion: secret.metadata!.resourceVersion! };
  }

  async #readChunks(index: StateIndex): Promise<Buffer[] | undefined> {
    const chunks = await Promise.all(
      Array.from({ length: index.count }, async (_, i) => {
        const name = chunkSecretName(this.cluster, index.generation, index.write, i);
        try {
          return await orAbsent(this.sc.core.readNamespacedSecret({ name, namespace: this.namespace }));
        } catch (err) {
          throw apiError(err, `reading Secret ${this.namespace}/${name} on ${this.sc.server}`);
        }
      }),
    );
    if (chunks.some((c) => c === undefined)) return undefined;
    return chunks.map((c) => Buffer.from(c!.data?.chunk ?? '', 'base64'));
  }

  #createChunk(w: StateIndex, i: number, box: Buffer): Promise<V1Secret> {
    return this.sc.core.createNamespacedSecret({
      namespace: this.namespace,
      body: {
        metadata: {
          name: chunkSecretName(this.cluster, w.generation, w.write, i),
          labels: { ...stateLabels(this.cluster), [GENERATION_LABEL]: String(w.generation), [WRITE_LABEL]: w.write },
        },
        type: CHUNK_TYPE,
        immutable: true,
        data: { chunk: box.toString('base64') },
      },
    });
  }

  async #swapIndex(w: StateIndex, resourceVersion: string | undefined, pushedBy: string): Promise<void> {
    const name = indexSecretName(this.cluster);
    const body: V1Secret = {
      metadata: {
        name,
        namespace: this.namespace,
        labels: { ...stateLabels(this.cluster), [GENERATION_LABEL]: String(w.generation) },
        annotations: { 'cto.dev/pushed-by': pushedBy, 'cto.dev/pushed-at': new Date().toISOString() },
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      type: INDEX_TYPE,
      stringData: { format: 'cto-state/v1', generation: String(w.generation), write: w.write, count: String(w.count), sha256: w.sha256 },
    };
    // No resourceVersion: the index must not exist yet, and create fails with 409 if it does.
    if (resourceVersion) await this.sc.core.replaceNamespacedSecret({ name, namespace: this.namespace, body });
    else await this.sc.core.createNamespacedSecret({ namespace: this.namespace, body });
  }

  async #deleteChunks(w: StateIndex): Promise<void> {
    await Promise.all(
      Array.from({ length: w.count }, (_, i) =>
        orAbsent(this.sc.core.deleteNamespacedSecret({ name: chunkSecretName(this.cluster, w.generation, w.write, i), namespace: this.namespace })),
      ),
    );
  }

  /** Chunks of writes that crashed before swapping the index; young ones may belong to a push in progress. */
  async #collectOrphans(current: string): Promise<void> {
    const list = await this.sc.core.listNamespacedSecret({
      namespace: this.namespace,
      labelSelector: `${CLUSTER_LABEL}=${this.cluster},${WRITE_LABEL}!=${current}`,
      fieldSelector: `type=${CHUNK_TYPE}`,
    });
    const cutoff = Date.now() - ORPHAN_AGE_MS;
    for (const s of list.items) {
      const created = s.metadata?.creationTimestamp ? new Date(s.metadata.creationTimestamp).getTime() : Date.now();
      if (created < cutoff) await orAbsent(this.sc.core.deleteNamespacedSecret({ name: s.metadata!.name!, namespace: this.namespace }));
    }
  }
}
