import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Plan } from '../../src/planner/plan.js';
import { startWorld, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { jsonEvents, repoRoot, runCto } from '../support/cli.js';

/**
 * Day 2 from the spec alone: a 1 + 2 cluster built on Talos v1.12.6 and Kubernetes 1.35.4 is moved
 * to Talos v1.13.9 (through v1.12.11, the latest v1.12 patch) and Kubernetes 1.36.3 by `cto apply`,
 * in place, in rolling order, after an etcd snapshot; the next plan has no changes.
 */
describe('end to end: in-place Talos and Kubernetes upgrade of a 1 + 2 cluster', () => {
  let world: World;
  let spec: string;
  const cto = (args: string[]) => runCto(args, { env: world.env, timeoutMs: 1_200_000 });
  const changed = (p: Plan) => p.steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}`).sort();
  const setVersions = async (talos: string, kubernetes: string) => {
    const doc = parseDocument(await readFile(spec, 'utf8'));
    doc.setIn(['spec', 'talos', 'version'], talos);
    doc.setIn(['spec', 'talos', 'kubernetesVersion'], kubernetes);
    await writeFile(spec, String(doc));
  };

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-upgrade-')), timeScale: 0.005, repoRoot });
    spec = await writeWorldSpec(world, repoRoot, { workers: 2 });
    await setVersions('v1.12.6', '1.35.4');
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('builds the cluster on Talos v1.12.6', async () => {
    const r = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    expect((await world.talos.nodes()).map((n) => n.os.version)).toEqual(['v1.12.6', 'v1.12.6', 'v1.12.6']);
  }, 1_200_000);

  it('plans in-place upgrades, never a reinstall, with the intermediate version', async () => {
    await setVersions('v1.13.9', '1.36.3');
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(r.code, r.stderr.slice(-2000)).toBe(2);
    expect(changed(plan).filter((c) => !c.startsWith('update server/'))).toEqual(
      ['create etcd/snapshot', 'update kubernetes/upgrade', 'update talos/upgrade/cp-0', 'update talos/upgrade/worker-0', 'update talos/upgrade/worker-1'].sort(),
    );
    expect(plan.steps.some((s) => s.destructive && s.action !== 'noop')).toBe(false);
    expect(plan.steps.find((s) => s.id === 'talos/upgrade/worker-1')!.notes).toContain('upgrade path: v1.12.6 → v1.12.11 → v1.13.9 (the latest patch of each minor)');
  }, 600_000);

  it('applies them in order, gated, and ends with no changes', async () => {
    const r = await cto(['apply', '-f', spec, '--auto-approve', '--json']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    const events = jsonEvents(r.stderr);
    const at = (type: string, id: string) => events.findIndex((e) => e.type === type && e.id === id);
    expect(at('finished', 'etcd/snapshot')).toBeLessThan(at('started', 'talos/upgrade/cp-0'));
    expect(at('finished', 'talos/upgrade/cp-0')).toBeLessThan(at('started', 'talos/upgrade/worker-0'));
    expect(at('finished', 'talos/upgrade/worker-0')).toBeLessThan(at('started', 'talos/upgrade/worker-1'));
    expect(at('finished', 'talos/upgrade/worker-1')).toBeLessThan(at('started', 'kubernetes/upgrade'));
    const progress = events.filter((e) => e.type === 'progress' && e.id === 'talos/upgrade/worker-0').map((e) => (e as { message: string }).message);
    expect(progress.some((m) => /cordon and drain/.test(m))).toBe(true);
    expect(progress.some((m) => /uncordoned/.test(m))).toBe(true);
    expect((await world.talos.nodes()).map((n) => n.os.version)).toEqual(['v1.13.9', 'v1.13.9', 'v1.13.9']);
    expect((await world.talos.nodes()).reduce((n, x) => n + x.os.etcdSnapshots, 0)).toBe(1);
    // the summary names the snapshot file, which is there
    const named = /etcd snapshot taken before the upgrades: (\S+\/etcd\/snapshot-\S+\.db)$/m.exec(r.stderr);
    expect(named, r.stderr.slice(-1000)).not.toBeNull();
    expect(existsSync(named![1]!)).toBe(true);

    const again = await cto(['plan', '-f', spec, '--detailed-exitcode']);
    expect(again.stdout + again.stderr).toContain('No changes');
    expect(again.code).toBe(0);
  }, 1_800_000);
});
