import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot, runCto, TEST_ENV } from '../support/cli.js';

const example = 'examples/two-node.yaml';
const text = readFileSync(join(repoRoot, example), 'utf8');

/** `cto validate` runs where no secrets are given (a fork's pull request), as `terraform validate` does. */
describe('validate without secrets', () => {
  it('notes each unset variable at its position and exits 0 (runCto passes no LATITUDE_* variables)', async () => {
    const r = await runCto(['validate', '-f', example]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${example}: valid (cto-prod)\n`);
    expect(r.stderr).toContain(`${example}:10:16: note: spec.provider.latitude.project: environment variable LATITUDE_PROJECT_ID is not set`);
    expect(r.stderr).toContain(`${example}:11:15: note: spec.provider.latitude.apiKey: environment variable LATITUDE_API_KEY is not set`);
  });

  it('with every variable set, says nothing on stderr', async () => {
    const r = await runCto(['validate', '-f', example], { env: TEST_ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--require-env makes an unset variable an error', async () => {
    const r = await runCto(['validate', '--require-env', '-f', example], { env: { LATITUDE_PROJECT_ID: 'p' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${example}:11:15: spec.provider.latitude.apiKey: environment variable LATITUDE_API_KEY is not set\n  hint: export LATITUDE_API_KEY=… before running cto\n`,
    );
  });

  it('plan still requires them, before reading anything', async () => {
    const r = await runCto(['plan', '-f', example]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${example}:11:15: spec.provider.latitude.apiKey: environment variable LATITUDE_API_KEY is not set`);
  });

  it('still checks the form of references', async () => {
    const r = await runCto(['validate', '-f', 'test/fixtures/bad-specs/malformed-env-ref.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('malformed reference');
  });

  it('checks the rest of the spec: a field whose variable is unset is not reported again as empty, others are', () => {
    const spec = text
      .replace('site: MIA2', 'site: ${env:CTO_SITE}')
      .replace('replicas: 1', 'replicas: 0');
    const r = loadSpec(spec, example, {}, { unsetEnv: 'note' });
    expect(r.diagnostics.filter((d) => d.severity === 'note').map((d) => d.path)).toEqual(['spec.provider.latitude.project', 'spec.provider.latitude.apiKey', 'spec.region.site']);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path)).toEqual(['spec.storage.mayastor.replicas']);
  });
});
