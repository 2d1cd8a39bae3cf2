import { createHash } from 'node:crypto';
import { CtoError } from '../../diagnostics/error.js';
import { SEAL_OVERHEAD, seal, unseal } from './seal.js';

/**
 * Stored bytes per Secret. The API server refuses Secrets over 1 MiB of data
 * and base64 on the wire adds a third, so half a MiB leaves ample room.
 */
export const CHUNK_BYTES = 512 * 1024;

/** Which write of which cluster a chunk belongs to: bound into every chunk's AAD. */
export interface ChunkRef {
  cluster: string;
  generation: number;
}

/**
 * Splits the packed state into sealed chunks of at most `chunkBytes` each. The
 * AAD names the cluster, the generation, the chunk's index and the count, so a
 * chunk cannot be replayed into another cluster, another write, another
 * position, or dropped from the end, without failing authentication.
 */
export function sealChunks(key: Buffer, ref: ChunkRef, plaintext: Buffer, chunkBytes = CHUNK_BYTES): Buffer[] {
  const room = chunkBytes - SEAL_OVERHEAD;
  const count = Math.max(1, Math.ceil(plaintext.length / room));
  return Array.from({ length: count }, (_, i) => seal(key, plaintext.subarray(i * room, (i + 1) * room), chunkAad(ref, i, count)));
}

export function openChunks(key: Buffer, ref: ChunkRef, boxes: Buffer[]): Buffer {
  return Buffer.concat(boxes.map((box, i) => unseal(key, box, chunkAad(ref, i, boxes.length), `chunk ${i} of ${boxes.length} of cluster ${ref.cluster}`)));
}

/** sha256 over the stored chunks in order: checked before decrypting, so a torn or mixed read is told apart from a wrong key. */
export function chunksDigest(boxes: Buffer[]): string {
  const hash = createHash('sha256');
  for (const box of boxes) hash.update(box);
  return hash.digest('hex');
}

export function checkDigest(boxes: Buffer[], expected: string, where: string): void {
  const actual = chunksDigest(boxes);
  if (actual !== expected) {
    throw new CtoError({
      severity: 'error',
      message: `the stored state in ${where} is inconsistent: its chunks hash to ${actual.slice(0, 12)}…, the index expects ${expected.slice(0, 12)}…`,
      hint: 'a push may have been interrupted or overwritten by hand; push again from a good copy',
    });
  }
}

function chunkAad(ref: ChunkRef, index: number, count: number): Buffer {
  return Buffer.from(`cto-state/v1\n${ref.cluster}\n${ref.generation}\n${index}/${count}`, 'utf8');
}
