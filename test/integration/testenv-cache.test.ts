// testenv/paths.ts and testenv/build.sh must agree on where each component's
// binaries live, or every test looks in a folder the build never fills.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentDir, testenvDir } from '../../testenv/paths.js';
import { upstreamFile, upstreamVersions } from '../../testenv/upstream.js';

/** The components build.sh builds from Go modules (`upstream` is files, found by testenv/upstream.ts). */
const components = (readFileSync(join(testenvDir, 'build.sh'), 'utf8').match(/^COMPONENTS=\((.*)\)$/m)?.[1].split(' ') ?? []).filter((c) => existsSync(join(testenvDir, c, 'go.mod')));

describe('testenv cache', () => {
  it('finds every component where build.sh put it', () => {
    expect(components).toContain('kube');
    for (const c of components) expect(existsSync(join(componentDir(c), '.stamp')), `${c}: ${componentDir(c)}`).toBe(true);
  });

  it('holds the upstream releases at cto\'s pinned versions', () => {
    expect(readFileSync(upstreamFile('cilium', 'cilium/Chart.yaml'), 'utf8')).toMatch(new RegExp(`^version: ${upstreamVersions('cilium')[0]!.slice(1)}$`, 'm'));
    expect(upstreamVersions('talos-schema')).toEqual(['v1.13.9', 'v1.12.6', 'v1.9.5']);
    for (const v of upstreamVersions('talos-schema')) expect(JSON.parse(readFileSync(upstreamFile('talos-schema', 'config.schema.json', v), 'utf8')).$schema).toBeDefined();
  });
});
