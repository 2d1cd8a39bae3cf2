import { CtoError } from '../../diagnostics/error.js';
import { envConfig } from '../../config/env.js';

const KEY_BYTES = 32;

/**
 * The state encryption key from `CTO_STATE_KEY`: 32 bytes, hex or base64.
 * The key itself never appears in an error, only what is wrong with its shape.
 */
export function stateKeyFromEnv(env: Record<string, string | undefined>): Buffer {
  const text = envConfig(env).stateKey;
  const hint = 'generate one with `openssl rand -base64 32` and share it with the team like any other secret';
  if (!text) {
    throw new CtoError({ severity: 'error', message: 'CTO_STATE_KEY is not set: the kubernetes state backend encrypts the state with it', hint });
  }
  const key = decode(text);
  if (!key || key.length !== KEY_BYTES) {
    const got = key ? `${key.length} bytes` : 'neither hex nor base64';
    throw new CtoError({ severity: 'error', message: `CTO_STATE_KEY must be ${KEY_BYTES} bytes, hex or base64 (got ${got})`, hint });
  }
  return key;
}

function decode(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0) return Buffer.from(text, 'hex');
  // Buffer.from(…, 'base64') skips bad characters silently; check the alphabet first.
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  return undefined;
}
