import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import type { Plan } from '../../src/planner/plan.js';
import { finishedSteps, repoRoot, runCto } from '../support/cli.js';
import { campaignCommit, campaignReportPath, campaignStamp, markdownTable, writeCampaignReport } from './campaign-report.js';
import { fullCampaign } from './campaign-size.js';
import { brokenInvariants, crashResumeTrial, TRIAL_NETWORK, type TrialResult } from './crash-resume.js';

/**
 * SIGKILL `cto apply` at random points (after a random number of its steps finished) and re-run it until it succeeds; every trial must end with
 * one server per node, the first Talos secrets kept byte for byte, etcd bootstrapped on one node,
 * a plan with no changes, and no lock left in the way. 2 trials in `npm test` (side by side: one round), 200 in `npm run test:slow`
 * (which writes bench/RELIABILITY-run.md); `CTO_RELIABILITY_TRIALS` sets the count.
 */
const trials = Number(process.env.CTO_RELIABILITY_TRIALS ?? (fullCampaign ? 200 : 2));
/** Workers per trial's cluster: the campaign's 3; the sample's 1 (the same steps, fewer of them at once, on a shared machine). */
const workers = fullCampaign ? 3 : 1;
/** Seeds run are first…first+trials-1: a long campaign can be run in parts and each part replayed. */
const firstSeed = Number(process.env.CTO_RELIABILITY_FIRST_SEED ?? 1);
const report = campaignReportPath();
const commit = report ? campaignCommit() : '';
/** A world serves this many trials, then is replaced: each trial's cluster stays in it (Nodes, kwok, simulated Talos). */
const TRIALS_PER_WORLD = 10;
// Most of an apply is waiting, so several trials at once use the two cores well and the campaign
// fits a CI run. Each runs in a world of its own: clusters sharing one API server would share its
// cluster-scoped objects (CRDs, ClusterRoles, StorageClasses) and rightly fight over them.
const concurrency = Number(process.env.CTO_RELIABILITY_CONCURRENCY ?? (fullCampaign ? 4 : 2));
const atOnce = pLimit(concurrency);

describe(`crash and resume (${trials} seeded trials)`, () => {
  const worlds: World[] = [];
  let typicalApplyMs = 0;
  let totalSteps = 0;
  const results: TrialResult[] = [];

  const served = new Map<World, number>();
  const freshWorld = () => startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-crash-')), timeScale: 0.005, repoRoot });

  /** Runs a trial in a world no other trial is using; a world that has served its share is replaced. */
  const inFreeWorld = async <T,>(trial: (world: World) => Promise<T>): Promise<T> => {
    let world = worlds.pop()!;
    if ((served.get(world) ?? 0) >= TRIALS_PER_WORLD) {
      await world.stop();
      world = await freshWorld();
    }
    try {
      return await trial(world);
    } finally {
      served.set(world, (served.get(world) ?? 0) + 1);
      worlds.push(world);
    }
  };

  /** Rewritten after every trial, so a campaign stopped part-way still leaves its figures. */
  const writeReport = () => {
    if (!report) return;
    const worst = Math.max(0, ...results.map((r) => r.recoveryMs));
    const failed = (r: TrialResult) => brokenInvariants(r).length > 0;
    const bySeed = [...results].sort((a, b) => a.seed - b.seed);
    writeCampaignReport(
      report,
      'Reliability campaign: crash and resume',
      `${campaignStamp(commit)} 1 CP + ${workers} workers against the simulator (time scale 0.005), SIGKILL after a random number of finished steps (up to 3 per trial), ${concurrency} trials at once, each in a world of its own (a fresh world every ${TRIALS_PER_WORLD} trials). Seeds ${firstSeed}–${firstSeed + trials - 1}: ${results.length} of ${trials} trials finished.`,
      markdownTable(
        ['trials', 'kills', 'invariant failures', 'duplicate servers', 'secrets changed', 'split bootstraps', 'secret leaks', 'worst-case recovery', 'typical clean apply'],
        [[results.length, results.reduce((n, r) => n + r.kills, 0), results.filter(failed).length, results.reduce((n, r) => n + r.duplicateServers, 0), results.filter((r) => r.secretsChanged).length, results.filter((r) => r.bootstrappedNodes !== 1).length, results.reduce((n, r) => n + r.secretLeaks.length, 0), `${(worst / 1000).toFixed(1)} s`, `${(typicalApplyMs / 1000).toFixed(1)} s`]],
      ),
      markdownTable(['seed', 'kills', 'recovery after the last kill', 'held'], bySeed.map((r) => [r.seed, r.kills, `${(r.recoveryMs / 1000).toFixed(1)} s`, brokenInvariants(r).join('; ') || 'yes'])),
    );
  };

  beforeAll(async () => {
    worlds.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, trials) }, freshWorld))));
    // How many steps a clean apply finishes, to spread the kills over: the steps of a fresh cluster's plan.
    // A campaign that writes its figures applies it too, for the typical clean apply's time.
    const world = worlds[0]!;
    const spec = await writeWorldSpec(world, repoRoot, { workers, name: 'crash-baseline', file: join(world.dir, 'baseline.yaml'), privateNetwork: TRIAL_NETWORK });
    const planned = await runCto(['plan', '-f', spec, '--json'], { env: world.env, timeoutMs: 300_000 });
    if (planned.code !== 0) throw new Error(`baseline plan failed:\n${planned.stderr}`);
    totalSteps = (JSON.parse(planned.stdout) as Plan).steps.length;
    if (!report) return;
    const t = Date.now();
    const r = await runCto(['apply', '-f', spec, '--auto-approve', '--json'], { env: world.env, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`baseline apply failed:\n${r.stderr}`);
    typicalApplyMs = Date.now() - t;
    expect(finishedSteps(r.stderr)).toBe(totalSteps);
  }, 900_000);

  afterAll(async () => {
    writeReport();
    await Promise.all(worlds.map((w) => w.stop()));
  }, 120_000);

  for (let seed = firstSeed; seed < firstSeed + trials; seed++) {
    it.concurrent(`trial ${seed}`, async () => {
      const r = await atOnce(() => inFreeWorld((world) => crashResumeTrial(world, seed, totalSteps, workers)));
      results.push(r);
      writeReport();
      expect(brokenInvariants(r)).toEqual([]);
      expect(r.kills, 'no apply was killed mid-way').toBeGreaterThan(0);
    }, 1_800_000 + Math.ceil(trials / concurrency) * 300_000); // a trial may wait for the ones before it
  }
});
