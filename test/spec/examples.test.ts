import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot, runCto, TEST_ENV } from '../support/cli.js';

const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

describe('examples', () => {
  it.each(examples)('%s validates', (file) => {
    const r = loadSpec(readFileSync(join(repoRoot, 'examples', file), 'utf8'), file, TEST_ENV);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.spec?.cluster.kind).toBe('Cluster');
  });

  it.each(examples)('%s validates from the CLI (exit 0)', async (file) => {
    const r = await runCto(['validate', '-f', `examples/${file}`], { env: TEST_ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('names the schema through the yaml-language-server modeline, which resolves to the schema file', () => {
    for (const file of examples) {
      const text = readFileSync(join(repoRoot, 'examples', file), 'utf8');
      const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
      expect(ref, file).toBe('../schema/cluster.schema.json');
      const schema = JSON.parse(readFileSync(join(repoRoot, 'examples', ref!), 'utf8'));
      expect(schema.$id).toContain('cluster.schema.json');
    }
  });

  it('reads the spec from stdin with -f -', async () => {
    const r = await runCto(['validate', '-f', '-'], { env: TEST_ENV, input: readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<stdin>: valid');
  });

  it('values from the environment are secrets', () => {
    const r = loadSpec(readFileSync(join(repoRoot, 'examples/ha.yaml'), 'utf8'), 'ha.yaml', TEST_ENV);
    expect(r.spec!.secrets.has(TEST_ENV.LATITUDE_API_KEY)).toBe(true);
    expect(r.spec!.secrets.has(TEST_ENV.GITOPS_TOKEN)).toBe(true);
    // The schema marks the project id as not sensitive: it may appear in plans.
    expect(r.spec!.secrets.has(TEST_ENV.LATITUDE_PROJECT_ID)).toBe(false);
  });

  it('profiles fill only what the spec leaves out', () => {
    // ha.yaml writes its replicas (two workers); with a third worker and the line gone, the profile's 3 applies.
    const ha = readFileSync(join(repoRoot, 'examples/ha.yaml'), 'utf8');
    expect(loadSpec(ha, 'ha.yaml', TEST_ENV).spec!.cluster.spec.storage!.mayastor!.replicas).toBe(2);
    const text = ha.replace('workers: { count: 2', 'workers: { count: 3').replace(/\n\s*replicas: 2.*/, '');
    const r = loadSpec(text, 'ha.yaml', TEST_ENV);
    expect(r.spec!.cluster.spec.storage!.mayastor!.replicas).toBe(3);
    expect(r.spec!.cluster.spec.talos.hugepages).toBe(2048);
    expect(r.spec!.cluster.spec.gitops!.syncTimeout).toBe('45m');
    const two = loadSpec(readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8'), 'two.yaml', TEST_ENV);
    expect(two.spec!.cluster.spec.storage!.mayastor!.replicas).toBe(1);
  });
});

describe('local sources', () => {
  it('resolves chart and manifest paths against the spec file, leaves URLs and absolute paths alone', async () => {
    const { resolveLocalSources } = await import('../../src/spec/sources.js');
    const r = loadSpec(readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8'), 'two.yaml', TEST_ENV);
    const c = r.spec!.cluster;
    c.spec.platform.cilium.chart = 'charts/cilium';
    c.spec.platform.argocd.manifest = 'https://example.com/install.yaml';
    c.spec.platform.localPathProvisioner.manifest = '/abs/lpp.yaml';
    resolveLocalSources(c, '/repo/clusters/prod.yaml');
    expect(c.spec.platform.cilium.chart).toBe('/repo/clusters/charts/cilium');
    expect(c.spec.platform.argocd.manifest).toBe('https://example.com/install.yaml');
    expect(c.spec.platform.localPathProvisioner.manifest).toBe('/abs/lpp.yaml');
  });
});
