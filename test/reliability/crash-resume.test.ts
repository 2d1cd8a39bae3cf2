import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, writeWorldSpec, type World } from '../../src/demo/world.js';
import { repoRoot, runCto } from '../support/cli.js';
import { crashResumeTrial, type TrialResult } from './crash-resume.js';

/**
 * SIGKILL `cto apply` at random moments and re-run it until it succeeds; every trial must end with
 * one server per node, the first Talos secrets kept byte for byte, etcd bootstrapped on one node,
 * a plan with no changes, and no lock left in the way. `CTO_RELIABILITY_TRIALS` sets the count
 * (`npm run test:reliability` runs the full campaign and writes bench/RELIABILITY.md).
 */
const trials = Number(process.env.CTO_RELIABILITY_TRIALS ?? 20);
const report = process.env.CTO_RELIABILITY_REPORT;
// Most of an apply is waiting, so several trials at once use the two cores well and the campaign
// fits a CI run. Each runs in a world of its own: clusters sharing one API server would share its
// cluster-scoped objects (CRDs, ClusterRoles, StorageClasses) and rightly fight over them.
const concurrency = Number(process.env.CTO_RELIABILITY_CONCURRENCY ?? 4);
const atOnce = pLimit(concurrency);

describe(`crash and resume (${trials} seeded trials)`, () => {
  const worlds: World[] = [];
  let typicalApplyMs = 0;
  const results: TrialResult[] = [];

  /** Runs a trial in a world no other trial is using. */
  const inFreeWorld = async <T,>(trial: (world: World) => Promise<T>): Promise<T> => {
    const world = worlds.pop()!;
    try {
      return await trial(world);
    } finally {
      worlds.push(world);
    }
  };

  beforeAll(async () => {
    worlds.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, trials) }, () =>
      startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-crash-')), timeScale: 0.005, repoRoot })))));
    // A clean apply first, to learn how long one takes: kills are spread over that window.
    const world = worlds[0]!;
    const spec = await writeWorldSpec(world, repoRoot, { workers: 3, name: 'crash-baseline', file: join(world.dir, 'baseline.yaml') });
    const t = Date.now();
    const r = await runCto(['apply', '-f', spec, '--auto-approve'], { env: world.env, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`baseline apply failed:\n${r.stderr}`);
    typicalApplyMs = Date.now() - t;
  }, 900_000);

  afterAll(async () => {
    if (report) {
      const worst = Math.max(0, ...results.map((r) => r.recoveryMs));
      const failures = results.filter((r) => r.failure || r.duplicateServers || r.secretsChanged || r.bootstrappedNodes !== 1 || r.finalPlanCode !== 0 || r.servers !== 4);
      writeFileSync(report, [
        '# Reliability campaign: crash and resume',
        '',
        `Machine: 2 cores, 24 GiB. ${new Date().toISOString().slice(0, 10)}. 1 CP + 3 workers against the simulator (time scale 0.005), SIGKILL at a random moment (up to 3 per trial), ${concurrency} trials at once, each in a world of its own.`,
        '',
        '| trials | kills | invariant failures | duplicate servers | secrets changed | split bootstraps | worst-case recovery | typical clean apply |',
        '|---|---|---|---|---|---|---|---|',
        `| ${results.length} | ${results.reduce((n, r) => n + r.kills, 0)} | ${failures.length} | ${results.reduce((n, r) => n + r.duplicateServers, 0)} | ${results.filter((r) => r.secretsChanged).length} | ${results.filter((r) => r.bootstrappedNodes !== 1).length} | ${(worst / 1000).toFixed(1)} s | ${(typicalApplyMs / 1000).toFixed(1)} s |`,
        '',
      ].join('\n'));
    }
    await Promise.all(worlds.map((w) => w.stop()));
  }, 120_000);

  for (let seed = 1; seed <= trials; seed++) {
    it.concurrent(`trial ${seed}`, async () => {
      const r = await atOnce(() => inFreeWorld((world) => crashResumeTrial(world, seed, typicalApplyMs)));
      results.push(r);
      expect(r.failure).toBeUndefined();
      expect(r.servers).toBe(4);
      expect(r.duplicateServers).toBe(0);
      expect(r.secretsChanged).toBe(false);
      expect(r.bootstrappedNodes).toBe(1);
      expect(r.finalPlanCode, JSON.stringify(r.finalPlanChanges)).toBe(0);
    }, 1_800_000 + Math.ceil(trials / concurrency) * 300_000); // a trial may wait for the ones before it
  }
});
