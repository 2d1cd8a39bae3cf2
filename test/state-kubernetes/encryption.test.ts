import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { CHUNK_BYTES, checkDigest, chunksDigest, openChunks, sealChunks } from '../../src/state/kubernetes/chunks.js';
import { stateKeyFromEnv } from '../../src/state/kubernetes/key.js';
import { SEAL_OVERHEAD, seal, unseal } from '../../src/state/kubernetes/seal.js';

const key = randomBytes(32);
const ref = { cluster: 'prod', generation: 7 };

function failure(fn: () => unknown): CtoError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CtoError) return err;
    throw err;
  }
  throw new Error('expected a CtoError');
}

describe('CTO_STATE_KEY', () => {
  it('accepts 32 bytes as hex, base64 and base64url', () => {
    expect(stateKeyFromEnv({ CTO_STATE_KEY: key.toString('hex') })).toEqual(key);
    expect(stateKeyFromEnv({ CTO_STATE_KEY: ` ${key.toString('base64')}\n` })).toEqual(key);
    expect(stateKeyFromEnv({ CTO_STATE_KEY: key.toString('base64url') })).toEqual(key);
  });

  it('refuses a missing, short or malformed key with a message that never quotes it', () => {
    expect(failure(() => stateKeyFromEnv({})).message).toBe('CTO_STATE_KEY is not set: the kubernetes state backend encrypts the state with it');
    const short = randomBytes(16).toString('base64');
    const e = failure(() => stateKeyFromEnv({ CTO_STATE_KEY: short }));
    expect(e.message).toBe('CTO_STATE_KEY must be 32 bytes, hex or base64 (got 16 bytes)');
    expect(e.diagnostics[0]!.hint).toContain('openssl rand -base64 32');
    const bad = 'not a key at all, with spaces!!';
    expect(failure(() => stateKeyFromEnv({ CTO_STATE_KEY: bad })).message).toBe('CTO_STATE_KEY must be 32 bytes, hex or base64 (got neither hex nor base64)');
    expect(JSON.stringify(failure(() => stateKeyFromEnv({ CTO_STATE_KEY: short })).diagnostics)).not.toContain(short);
  });
});

describe('seal', () => {
  it('round-trips any bytes, with a fresh nonce each time', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (bytes, aadText) => {
        const plain = Buffer.from(bytes);
        const aad = Buffer.from(aadText);
        const a = seal(key, plain, aad);
        expect(a.length).toBe(plain.length + SEAL_OVERHEAD);
        expect(unseal(key, a, aad, 'x')).toEqual(plain);
        expect(seal(key, plain, aad).equals(a)).toBe(false);
      }),
    );
  });

  it('a wrong key, a different AAD or a flipped bit is a clear error, never garbage', () => {
    const box = seal(key, Buffer.from('talos secrets'), Buffer.from('aad'));
    const wrongKey = failure(() => unseal(randomBytes(32), box, Buffer.from('aad'), 'chunk 0'));
    expect(wrongKey.message).toBe('cannot decrypt state: wrong CTO_STATE_KEY? (chunk 0 does not authenticate)');
    expect(failure(() => unseal(key, box, Buffer.from('aad2'), 'chunk 0')).message).toMatch(/^cannot decrypt state: wrong CTO_STATE_KEY\?/);
    const flipped = Buffer.from(box);
    flipped[SEAL_OVERHEAD] = flipped[SEAL_OVERHEAD]! ^ 1;
    expect(failure(() => unseal(key, flipped, Buffer.from('aad'), 'chunk 0')).message).toMatch(/^cannot decrypt state/);
    expect(failure(() => unseal(key, box.subarray(0, 10), Buffer.from('aad'), 'chunk 0')).message).toMatch(/^cannot decrypt state/);
  });
});

describe('chunks', () => {
  const plaintext = randomBytes(3 * 1024 * 1024 + 17);

  it('splits into sealed chunks of at most CHUNK_BYTES that open back to the same bytes', () => {
    const boxes = sealChunks(key, ref, plaintext);
    expect(boxes.length).toBe(Math.ceil(plaintext.length / (CHUNK_BYTES - SEAL_OVERHEAD)));
    for (const box of boxes) expect(box.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(openChunks(key, ref, boxes).equals(plaintext)).toBe(true);
    // An empty folder still has one chunk, so the index always points at something.
    expect(sealChunks(key, ref, Buffer.alloc(0))).toHaveLength(1);
  });

  it('binds each chunk to its cluster, generation, position and the count', () => {
    const boxes = sealChunks(key, ref, plaintext);
    const wrong = (fn: () => unknown) => expect(failure(fn).message).toMatch(/^cannot decrypt state: wrong CTO_STATE_KEY\? \(chunk \d+ of \d+ of cluster \w+ does not authenticate\)$/);
    wrong(() => openChunks(key, { ...ref, cluster: 'staging' }, boxes));
    wrong(() => openChunks(key, { ...ref, generation: 6 }, boxes));
    wrong(() => openChunks(key, ref, [boxes[1]!, boxes[0]!, ...boxes.slice(2)]));
    wrong(() => openChunks(key, ref, boxes.slice(0, -1)));
  });

  it('the digest detects a chunk from another write before anything is decrypted', () => {
    const a = sealChunks(key, ref, plaintext);
    const b = sealChunks(key, { ...ref, generation: 8 }, plaintext);
    expect(() => checkDigest(a, chunksDigest(a), 'here')).not.toThrow();
    expect(failure(() => checkDigest([b[0]!, ...a.slice(1)], chunksDigest(a), 'Secret ns/cto-state-prod')).message).toMatch(
      /^the stored state in Secret ns\/cto-state-prod is inconsistent: its chunks hash to [0-9a-f]{12}…, the index expects [0-9a-f]{12}…$/,
    );
  });
});
