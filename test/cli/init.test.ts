import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { runCto, TEST_ENV } from '../support/cli.js';

async function init(flags: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'cto-init-'));
  const out = join(dir, 'cluster.yaml');
  const r = await runCto(['init', '-o', out, ...flags]);
  const text = r.code === 0 ? readFileSync(out, 'utf8') : '';
  const spec = text ? loadSpec(text, out, TEST_ENV).spec : undefined;
  return { r, out, text, spec };
}

describe('cto init takes the original installer flags', () => {
  it('writes a commented spec that validates (defaults: the 2-node deployment)', async () => {
    const { r, text, spec, out } = await init([]);
    expect(r.code).toBe(0);
    expect(text).toContain('# yaml-language-server: $schema=');
    expect(spec!.cluster.spec.nodes.controlPlane.count).toBe(1);
    expect(spec!.cluster.spec.nodes.workers.count).toBe(1);
    expect((await runCto(['validate', '-f', out], { env: TEST_ENV })).code).toBe(0);
  });

  const cases: [string, string[], (s: NonNullable<Awaited<ReturnType<typeof init>>['spec']>) => unknown, unknown][] = [
    ['--cluster-name', ['--cluster-name', 'edge-7'], (s) => s.cluster.metadata.name, 'edge-7'],
    ['--region', ['--region', 'DAL'], (s) => s.cluster.spec.region.site, 'DAL'],
    ['--auto-region', ['--auto-region'], (s) => s.cluster.spec.region.auto, true],
    ['--fallback-regions', ['--auto-region', '--fallback-regions', 'ASH,LAX'], (s) => s.cluster.spec.region.fallback, ['ASH', 'LAX']],
    ['--nodes', ['--nodes', '4', '--storage-replicas', '3'], (s) => [s.cluster.spec.nodes.controlPlane.count, s.cluster.spec.nodes.workers.count], [1, 3]],
    ['--nodes (HA)', ['--nodes', '6'], (s) => [s.cluster.spec.nodes.controlPlane.count, s.cluster.spec.nodes.workers.count], [3, 3]],
    ['--cp-plan', ['--cp-plan', 'c3-large-x86'], (s) => s.cluster.spec.nodes.controlPlane.plan, 'c3-large-x86'],
    ['--worker-plan', ['--worker-plan', 'm4-metal-medium'], (s) => s.cluster.spec.nodes.workers.plan, 'm4-metal-medium'],
    ['--storage-disk', ['--storage-disk', '/dev/nvme2n1'], (s) => s.cluster.spec.storage!.mayastor!.disk, '/dev/nvme2n1'],
    ['--storage-replicas', ['--nodes', '4', '--storage-replicas', '3'], (s) => s.cluster.spec.storage!.mayastor!.replicas, 3],
    ['--talos-version', ['--talos-version', 'v1.12.11'], (s) => s.cluster.spec.talos.version, 'v1.12.11'],
    ['--sync-timeout', ['--sync-timeout', '45'], (s) => s.cluster.spec.gitops!.syncTimeout, '45m'],
    ['--profile', ['--profile', 'minimal'], (s) => s.cluster.spec.profile, 'minimal'],
    ['--gitops-repo', ['--gitops-repo', 'file:///srv/git/platform.git'], (s) => s.cluster.spec.gitops!.repoURL, 'file:///srv/git/platform.git'],
    ['--private-subnet', ['--private-subnet', '10.8.0.0/24'], (s) => s.cluster.spec.network.private, { subnet: '10.8.0.0/24' }],
    [
      '--admin-cidr (repeated and comma-separated)',
      ['--private-subnet', '10.8.0.0/24', '--admin-cidr', '203.0.113.7/32', '--admin-cidr', '198.51.100.0/24,192.0.2.0/24'],
      (s) => s.cluster.spec.access!.adminCIDRs,
      ['203.0.113.7/32', '198.51.100.0/24', '192.0.2.0/24'],
    ],
  ];
  it.each(cases)('%s', async (_, flags, get, want) => {
    const { r, spec } = await init(flags);
    expect(r.stderr).toBe('');
    expect(get(spec!)).toEqual(want);
  });

  it('refuses to overwrite without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cto-init-'));
    const out = join(dir, 'cluster.yaml');
    writeFileSync(out, 'mine\n');
    const r = await runCto(['init', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect((await runCto(['init', '-o', out, '--force'])).code).toBe(0);
  });

  it('reports a bad flag value against the spec it would write', async () => {
    const { r } = await init(['--storage-replicas', '5', '--nodes', '6']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec.storage.mayastor.replicas: must be ≤ 3 (got 5)');
  });

  it('refuses an admin network that is not a CIDR, and admin networks without a private subnet', async () => {
    const bad = await init(['--private-subnet', '10.8.0.0/24', '--admin-cidr', '203.0.113.7']);
    expect(bad.r.code).toBe(1);
    expect(bad.r.stderr).toContain('spec.access.adminCIDRs[0]: "203.0.113.7" is not an IPv4 network in CIDR form');
    const alone = await init(['--admin-cidr', '203.0.113.7/32']);
    expect(alone.r.code).toBe(1);
    expect(alone.r.stderr).toContain('set spec.network.private.subnet too');
  });
});
