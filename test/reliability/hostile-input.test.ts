import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzValidate, hostileSpecs } from '../spec/hostile-fuzz.js';
import { runCto, TEST_ENV } from '../support/cli.js';
import { fullCampaign } from './campaign-size.js';

/**
 * The hostile-input campaign: seeded structure-aware mutations of a valid spec through `cto validate`'s
 * command in this process, then a sample through the real binary, to show the in-process verdict is the
 * exit code a user gets. 10,000 cases in `npm run test:slow`, 1,000 in `npm test`; `CTO_FUZZ_CASES` overrides both.
 */
const cases = Number(process.env.CTO_FUZZ_CASES ?? (fullCampaign ? 10_000 : 1_000));
const report = process.env.CTO_RELIABILITY_REPORT;
const MAX_CASE_MS = 2_000;
const MAX_RSS_MIB = 1_024;

describe(`hostile input (${cases} cases)`, () => {
  it('every case exits 0 or 1 with positioned diagnostics, in bounded time and memory, without I/O', async () => {
    const t = Date.now();
    const f = await fuzzValidate(hostileSpecs(cases, 20_261_127));
    const wallS = (Date.now() - t) / 1000;
    const { codes: _, slowest, ...figures } = f;
    console.log(`[hostile] ${JSON.stringify({ ...figures, failures: f.failures.slice(0, 3), wallS })}\n--- slowest case ---\n${slowest}`);
    if (report) {
      writeFileSync(`${report.replace(/\.md$/, '')}-hostile.md`, [
        '| cases | valid (exit 0) | refused (exit 1) | failures | I/O attempts | max time per case | wall time | peak RSS |',
        '|---|---|---|---|---|---|---|---|',
        `| ${f.cases} | ${f.valid} | ${f.refused} | ${f.failures.length} | ${f.io.length} | ${f.maxCaseMs.toFixed(0)} ms | ${wallS.toFixed(0)} s | ${f.peakRssMiB.toFixed(0)} MiB |`,
        '',
      ].join('\n'));
    }
    expect(f.failures.slice(0, 3)).toEqual([]);
    expect(f.io).toEqual([]);
    expect(f.cases).toBe(cases);
    expect(f.valid).toBeGreaterThan(0);
    expect(f.refused).toBeGreaterThan(0);
    expect(f.maxCaseMs).toBeLessThan(MAX_CASE_MS);
    expect(f.peakRssMiB).toBeLessThan(MAX_RSS_MIB);
  }, 3_600_000);

  it('the binary exits as the in-process verdict says, for a sample', async () => {
    const texts = [...hostileSpecs(40, 7)];
    const { codes } = await fuzzValidate(texts);
    const file = join(mkdtempSync(join(tmpdir(), 'cto-hostile-cli-')), 'cluster.yaml');
    for (const [i, text] of texts.entries()) {
      writeFileSync(file, text);
      const r = await runCto(['validate', '-f', file], { env: TEST_ENV });
      expect(r.code, r.stderr).toBe(codes[i]);
      if (r.code === 1) expect(r.stderr).toMatch(new RegExp(`^${file}:\\d+:\\d+: `));
    }
  }, 600_000);
});
