import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CtoError } from '../../diagnostics/error.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes a sealed box adds to its plaintext: nonce in front, tag behind. */
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** AES-256-GCM with a fresh random nonce: `nonce ‖ ciphertext ‖ tag`. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens a box from `seal`; a wrong key, a wrong AAD or any flipped bit is the same error, never garbage. */
export function unseal(key: Buffer, box: Buffer, aad: Buffer, what: string): Buffer {
  const failed = () =>
    new CtoError({
      severity: 'error',
      message: `cannot decrypt state: wrong CTO_STATE_KEY? (${what} does not authenticate)`,
      hint: 'use the key the state was pushed with; if the key is right, the stored state was altered by something other than cto',
    });
  if (box.length < SEAL_OVERHEAD) throw failed();
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(box.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(box.subarray(NONCE_BYTES, box.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw failed();
  }
}
