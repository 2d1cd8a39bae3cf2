import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { expect, it } from 'vitest';
import { formats, plainHttpUrl } from '../../src/spec/formats.js';

const fullUri = fullFormats.uri as (value: string) => boolean;

it('every URL the uri fast path accepts is a URI by ajv-formats’ full grammar', () => {
  fc.assert(
    fc.property(fc.stringMatching(plainHttpUrl), (url) => {
      expect(fullUri(url)).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

it('the uri format answers exactly as ajv-formats does', () => {
  const values = fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.stringMatching(/^[a-zA-Z][a-zA-Z+.-]{0,5}:\/{0,2}\S{0,30}$/));
  fc.assert(
    fc.property(values, (value) => {
      expect(formats.uri(value)).toBe(fullUri(value));
    }),
    { numRuns: 3000 },
  );
  for (const value of ['https://api.latitude.sh', 'http://127.0.0.1:8080', 'https://example.com/a/b', 'api.latitude.sh', 'https://exa mple.com', 'HTTPS://API.LATITUDE.SH', '']) {
    expect(formats.uri(value)).toBe(fullUri(value));
  }
});
