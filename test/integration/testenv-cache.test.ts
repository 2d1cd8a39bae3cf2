// testenv/paths.ts and testenv/build.sh must agree on where each component's
// binaries live, or every test looks in a folder the build never fills.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentDir, testenvDir } from '../../testenv/paths.js';

const components = readFileSync(join(testenvDir, 'build.sh'), 'utf8').match(/^COMPONENTS=\((.*)\)$/m)?.[1].split(' ') ?? [];

describe('testenv cache', () => {
  it('finds every component where build.sh put it', () => {
    expect(components).toContain('kube');
    for (const c of components) expect(existsSync(join(componentDir(c), '.stamp')), `${c}: ${componentDir(c)}`).toBe(true);
  });
});
