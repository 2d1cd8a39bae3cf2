import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

it('src/spec/types.gen.ts matches the schema', async () => {
  const { stderr } = await promisify(execFile)(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: repoRoot });
  expect(stderr).toBe('');
});

it('src/spec/validate.gen.js matches the schema', async () => {
  const { stderr } = await promisify(execFile)(process.execPath, ['scripts/gen-validator.mjs', '--check'], { cwd: repoRoot });
  expect(stderr).toBe('');
});

it('docs/spec.md matches the schema', async () => {
  const { stderr } = await promisify(execFile)(process.execPath, ['scripts/gen-docs.mjs', '--check'], { cwd: repoRoot });
  expect(stderr).toBe('');
});
