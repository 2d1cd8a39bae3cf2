import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../../testenv/demo/world.js';
import { repoRoot } from '../support/cli.js';
import { campaignCommit, campaignReportPath, campaignStamp, markdownTable, writeCampaignReport } from './campaign-report.js';
import { fullCampaign } from './campaign-size.js';
import { brokenUpgradeInvariants, FROM, TO, upgradeCrashTrial, type UpgradeTrialResult } from './upgrade-crash.js';

/**
 * SIGKILL `cto apply` at random points of a rolling Talos upgrade (FROM → TO) and re-run it until it
 * succeeds; every trial must end with every node on the new release, one etcd snapshot for the rollout,
 * no node left cordoned and a plan with no changes. `npm test`: one 1 + 1 trial with two kills, without GitOps
 * and Mayastor (cheaper to build); `npm run test:slow`: 12 trials of full 1 + 2 clusters with up to three kills each
 * (which writes bench/RELIABILITY-run-upgrade.md, beside CTO_RELIABILITY_REPORT). `CTO_UPGRADE_CRASH_TRIALS` sets the count.
 */
const trials = Number(process.env.CTO_UPGRADE_CRASH_TRIALS ?? (fullCampaign ? 12 : 1));
const workers = fullCampaign ? 2 : 1;
const maxKills = fullCampaign ? 3 : 2;
/** A world per lane: each trial's cluster stays in it. */
const concurrency = Math.min(trials, fullCampaign ? 2 : 1);
const firstSeed = Number(process.env.CTO_RELIABILITY_FIRST_SEED ?? 1);
const report = campaignReportPath('upgrade');
const commit = report ? campaignCommit() : '';
const nodes = workers + 1;

describe(`crash and resume during a rolling Talos upgrade ${FROM} → ${TO} (${trials} seeded trials)`, () => {
  const worlds: World[] = [];
  const atOnce = pLimit(concurrency);
  const results: UpgradeTrialResult[] = [];

  /** Rewritten after every trial, so a campaign stopped part-way still leaves its figures. */
  const writeReport = () => {
    if (!report) return;
    const failed = results.filter((r) => brokenUpgradeInvariants(r, nodes).length > 0);
    const converged = results.filter((r) => !r.failure);
    const worst = Math.max(0, ...converged.map((r) => r.rolloutMs));
    const held = (r: UpgradeTrialResult) => brokenUpgradeInvariants(r, nodes).join('; ') || 'yes';
    writeCampaignReport(report, `Reliability campaign: crash and resume during a Talos upgrade ${FROM} → ${TO}`,
      `${campaignStamp(commit)} 1 CP + ${workers} workers${fullCampaign ? '' : ' (no GitOps, no Mayastor)'} against the simulator (time scale 0.005), each built on ${FROM} unkilled, then moved to ${TO} by applies SIGKILLed after a random number of the rollout's events (up to ${maxKills} per trial), ${concurrency} trials at once, each lane in a world of its own. Seeds ${firstSeed}–${firstSeed + trials - 1}: ${results.length} of ${trials} trials finished. A trial holds when every node is on ${TO}, the state folder has one etcd snapshot, no node is left cordoned and the next plan has no changes.`,
      markdownTable(['trials', 'kills', 'invariant failures', `nodes not on ${TO}`, 'snapshots ≠ 1', 'left cordoned', 'final plan with changes', 'worst rollout with kills'], [[
        results.length, results.reduce((n, r) => n + r.kills, 0), failed.length,
        results.reduce((n, r) => n + (r.failure ? nodes : r.versions.filter((v) => v !== TO).length + Math.max(0, nodes - r.versions.length)), 0),
        results.filter((r) => !r.failure && r.snapshots !== 1).length, results.reduce((n, r) => n + r.cordoned.length, 0),
        results.filter((r) => !r.failure && r.finalPlanCode !== 0).length, `${(worst / 1000).toFixed(1)} s`,
      ]]),
      markdownTable(['seed', 'kills', 'build', 'rollout with kills', 'killed at', 'held'], [...results].sort((a, b) => a.seed - b.seed).map((r) => [
        r.seed, r.kills, `${(r.buildMs / 1000).toFixed(0)} s`, `${(r.rolloutMs / 1000).toFixed(0)} s`, r.killedAt.join('; '), held(r),
      ])));
  };

  beforeAll(async () => {
    worlds.push(...(await Promise.all(Array.from({ length: concurrency }, () => startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-upcrash-')), timeScale: 0.005, repoRoot })))));
  }, 300_000);
  afterAll(async () => {
    writeReport();
    await Promise.all(worlds.map((w) => w.stop()));
  }, 120_000);

  for (let seed = firstSeed; seed < firstSeed + trials; seed++) {
    it.concurrent(`trial ${seed}`, async () => {
      const r = await atOnce(async () => {
        const world = worlds.pop()!;
        try {
          return await upgradeCrashTrial(world, seed, workers, maxKills, !fullCampaign);
        } finally {
          worlds.push(world);
        }
      });
      results.push(r);
      writeReport();
      console.log(`trial ${seed}: build ${(r.buildMs / 1000).toFixed(0)} s, rollout with ${r.kills} kills ${(r.rolloutMs / 1000).toFixed(0)} s; killed at: ${r.killedAt.join(' | ')}`);
      expect(brokenUpgradeInvariants(r, nodes), `killed at: ${r.killedAt.join(' | ')}`).toEqual([]);
      expect(r.kills, 'no apply was killed mid-rollout').toBeGreaterThan(0);
    }, 900_000 + Math.ceil(trials / concurrency) * 600_000);
  }
});
