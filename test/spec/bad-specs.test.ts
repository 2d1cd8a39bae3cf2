import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot, runCto, TEST_ENV } from '../support/cli.js';

const dir = join(repoRoot, 'test/fixtures/bad-specs');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('the bad-spec corpus', () => {
  it('has at least 40 cases', () => expect(files.length).toBeGreaterThanOrEqual(40));

  it.each(files)('%s: a positioned diagnostic with the expected message', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const expected = /^# expect: (.*)$/m.exec(text)![1]!;
    const result = loadSpec(text, file, TEST_ENV);
    expect(result.spec).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.message} ${d.hint ?? ''}`).join('\n')).toContain(expected);
    for (const d of errors) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.col).toBeGreaterThanOrEqual(1);
    }
    // Sorted by position, so the first problem in the file comes first.
    const positions = errors.map((d) => d.line! * 10_000 + d.col!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('every case exits 1 from the CLI with file:line:col first on the line and no stack trace', async () => {
    for (const file of files) {
      // --require-env: missing-env.yaml is an error only then (plain validate notes it and goes on).
      const r = await runCto(['validate', '--require-env', '-f', join('test/fixtures/bad-specs', file)], { env: TEST_ENV });
      expect(r.code, file).toBe(1);
      expect(r.stderr, file).toMatch(new RegExp(`^test/fixtures/bad-specs/${file.replace('.', '\\.')}:\\d+:\\d+: `));
      expect(r.stderr, file).not.toMatch(/\n\s+at /);
      expect(r.stderr, file).not.toContain(TEST_ENV.LATITUDE_API_KEY);
    }
  });

  it('refuses a 10 MB file without parsing it', () => {
    const text = `# ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const r = loadSpec(text, 'big.yaml', TEST_ENV);
    expect(r.diagnostics[0]).toMatchObject({ line: 1, col: 1 });
    expect(r.diagnostics[0]!.message).toContain('larger than');
  });

  it('refuses binary garbage', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const r = loadSpec(bytes, 'garbage.yaml', TEST_ENV);
    expect(r.spec).toBeUndefined();
    expect(r.diagnostics[0]!.line).toBe(1);
  });

  it('a missing file is a positioned error, not a crash', async () => {
    const r = await runCto(['validate', '-f', 'nope/cluster.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^nope\/cluster\.yaml:1:1: no such file/);
  });
});
