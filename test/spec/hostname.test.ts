import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterNodes } from '../../src/planner/nodes.js';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot, TEST_ENV } from '../support/cli.js';

const text = readFileSync(join(repoRoot, 'test/fixtures/bad-specs/hostname-too-long.yaml'), 'utf8');

describe('node hostnames within Latitude’s 32 characters', () => {
  it('refuses a spec whose longest hostname is 33 characters, positioned on metadata.name', () => {
    const { spec, diagnostics } = loadSpec(text, 'cluster.yaml', TEST_ENV);
    expect(spec).toBeUndefined();
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'metadata.name', line: 7, col: 9, hint: 'use a cluster name of at most 22 characters' });
  });

  it('accepts the same name with one worker fewer: every hostname is then at most 32 characters', () => {
    const { spec, diagnostics } = loadSpec(text.replace('count: 11', 'count: 10'), 'cluster.yaml', TEST_ENV);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const longest = Math.max(...clusterNodes(spec!.cluster).map((n) => n.hostname.length));
    expect(longest).toBe(32);
  });

  it('counts control planes too', () => {
    const name = 'a'.repeat(29); // a-…-cp-0 is 34 characters; the schema allows 40
    const { diagnostics } = loadSpec(text.replace('name: analytics-platform-east', `name: ${name}`).replace('count: 11', 'count: 0'), 'cluster.yaml', TEST_ENV);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([`makes node hostname "${name}-cp-0" 34 characters long; Latitude accepts at most 32`]);
  });
});
