import { execFile } from 'node:child_process';
import { lookup } from 'node:dns';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { TEST_ENV } from '../support/cli.js';
import { fuzzValidate, hostileSpecs, withoutIo } from './hostile-fuzz.js';

const base = readFileSync(new URL('../../examples/two-node.yaml', import.meta.url), 'utf8');
const lines = base.split('\n');

/** Every outcome is a spec or positioned errors; nothing throws. */
function checkTotal(text: string) {
  const r = loadSpec(text, 'fuzz.yaml', TEST_ENV);
  if (r.spec) return;
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const d of errors) {
    expect(Number.isInteger(d.line) && d.line! >= 1).toBe(true);
    expect(Number.isInteger(d.col) && d.col! >= 1).toBe(true);
  }
}

/** `CTO_FUZZ_CASES` sets every property's case count (the reliability run uses 10,000); unset, each keeps its own. */
const cases = (fallback: number) => Number(process.env.CTO_FUZZ_CASES ?? fallback);

const tokens = ['{', '}', '[', ']', ':', '- ', '&a ', '*a', '!!binary ', '${env:X}', '"', "'", '\t', '---', '? ', '|', '>', '%YAML 1.2', '0x1F', '~', 'null', '1e309'];

describe('loader fuzzing', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => checkTotal(s)), { numRuns: cases(300) });
  });

  it('never throws on structure-aware mutations of a valid spec', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), line: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('duplicate' as const), line: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('insert' as const), line: fc.nat(lines.length - 1), token: fc.constantFrom(...tokens) }),
      fc.record({ op: fc.constant('value' as const), line: fc.nat(lines.length - 1), value: fc.oneof(fc.integer(), fc.string({ maxLength: 20 }), fc.constantFrom('true', '[]', '{}', '-1', '1e9', 'null')) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ops) => {
        const out = [...lines];
        for (const m of ops) {
          const i = Math.min(m.line, out.length - 1);
          if (m.op === 'delete') out.splice(i, 1);
          else if (m.op === 'duplicate') out.splice(i, 0, out[i]!);
          else if (m.op === 'insert') out[i] = `${out[i]!.slice(0, out[i]!.length >> 1)}${m.token}${out[i]!.slice(out[i]!.length >> 1)}`;
          else out[i] = out[i]!.replace(/:\s.*$/, `: ${String(m.value)}`);
        }
        checkTotal(out.join('\n'));
      }),
      { numRuns: cases(500) },
    );
  });

  it('`cto validate` of hostile edits of a valid spec: exit 0 or 1, positioned, no I/O, no secret, state kept in .cto/', async () => {
    const f = await fuzzValidate(hostileSpecs(cases(200), 9));
    expect(f.failures.slice(0, 3)).toEqual([]);
    expect(f.io).toEqual([]);
    expect(f.valid + f.refused).toBe(f.cases);
    // Both outcomes occur, or the mutations are too weak (or too strong) to test anything.
    expect(f.valid).toBeGreaterThan(0);
    expect(f.refused).toBeGreaterThan(0);
  });

  it('refuses a map used as a key at once (turning a 600-deep one into a string took 23 s)', () => {
    const text = readFileSync(new URL('../fixtures/bad-specs/collection-key.yaml', import.meta.url), 'utf8');
    const t = performance.now();
    const r = loadSpec(text, 'collection-key.yaml', TEST_ENV);
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(r.diagnostics).toMatchObject([{ line: 36, col: 3, message: 'a key must be a name, not a map or a list' }]);
  });

  it('the I/O tripwire those cases run under catches a connection, a DNS lookup and a program start', async () => {
    const { io } = await withoutIo(async () => {
      const attempts = [
        () => connect(443, '127.0.0.1'),
        () => lookup('example.com', () => undefined),
        () => execFile('/bin/sh', ['-c', 'true']),
      ];
      for (const attempt of attempts) expect(attempt).toThrow('no I/O allowed');
    });
    expect(io).toEqual(['connect [{"port":443,"host":"127.0.0.1"},null]', 'lookup example.com', 'spawn /bin/sh']);
  });
});
