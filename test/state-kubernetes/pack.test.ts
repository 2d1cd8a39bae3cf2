import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packFiles, unpackFiles } from '../../src/state/kubernetes/pack.js';

const segment = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,12}$/);
const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));

describe('state packing', () => {
  it('round-trips any folder byte for byte, and equal folders pack to equal bytes', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.uint8Array({ maxLength: 2048 })), (dict) => {
        const files = new Map(Object.entries(dict).map(([n, b]) => [n, Buffer.from(b)]));
        const packed = packFiles(files);
        expect(unpackFiles(packed)).toEqual(files);
        expect(packFiles(new Map([...files].reverse())).equals(packed)).toBe(true);
      }),
    );
  });

  it('refuses names that would escape the folder and documents of another format', () => {
    const doc = (files: Record<string, unknown>, format = 'cto-state/v1') => Buffer.from(JSON.stringify({ format, files }));
    expect(() => unpackFiles(doc({ '../evil': 'AA==' }))).toThrow(/invalid state file name "..\/evil"/);
    expect(() => unpackFiles(doc({ '/etc/passwd': 'AA==' }))).toThrow(/invalid state file name/);
    expect(() => unpackFiles(doc({ kubeconfig: 5 }))).toThrow(/the stored state file "kubeconfig" has no content/);
    expect(() => unpackFiles(doc({}, 'cto-state/v2'))).toThrow(/not in the cto-state\/v1 format/);
    expect(() => unpackFiles(Buffer.from('{'))).toThrow(/not in the cto-state\/v1 format/);
  });
});
