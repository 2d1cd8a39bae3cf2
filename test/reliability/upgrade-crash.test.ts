import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../../testenv/demo/world.js';
import { repoRoot } from '../support/cli.js';
import { fullCampaign } from './campaign-size.js';
import { brokenUpgradeInvariants, FROM, TO, upgradeCrashTrial } from './upgrade-crash.js';

/**
 * SIGKILL `cto apply` at random points of a rolling Talos upgrade (FROM → TO) and re-run it until it
 * succeeds; every trial must end with every node on the new release, one etcd snapshot for the rollout,
 * no node left cordoned and a plan with no changes. `npm test`: one 1 + 1 trial with two kills, without GitOps
 * and Mayastor (cheaper to build); `npm run test:slow`: 12 trials of full 1 + 2 clusters with up to three kills each. `CTO_UPGRADE_CRASH_TRIALS` sets the count.
 */
const trials = Number(process.env.CTO_UPGRADE_CRASH_TRIALS ?? (fullCampaign ? 12 : 1));
const workers = fullCampaign ? 2 : 1;
const maxKills = fullCampaign ? 3 : 2;
/** A world per lane: each trial's cluster stays in it. */
const concurrency = Math.min(trials, fullCampaign ? 2 : 1);
const firstSeed = Number(process.env.CTO_RELIABILITY_FIRST_SEED ?? 1);

describe(`crash and resume during a rolling Talos upgrade ${FROM} → ${TO} (${trials} seeded trials)`, () => {
  const worlds: World[] = [];
  const atOnce = pLimit(concurrency);

  beforeAll(async () => {
    worlds.push(...(await Promise.all(Array.from({ length: concurrency }, () => startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-upcrash-')), timeScale: 0.005, repoRoot })))));
  }, 300_000);
  afterAll(async () => Promise.all(worlds.map((w) => w.stop())), 120_000);

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
      console.log(`trial ${seed}: build ${(r.buildMs / 1000).toFixed(0)} s, rollout with ${r.kills} kills ${(r.rolloutMs / 1000).toFixed(0)} s; killed at: ${r.killedAt.join(' | ')}`);
      expect(brokenUpgradeInvariants(r, workers + 1), `killed at: ${r.killedAt.join(' | ')}`).toEqual([]);
      expect(r.kills, 'no apply was killed mid-rollout').toBeGreaterThan(0);
    }, 900_000 + Math.ceil(trials / concurrency) * 600_000);
  }
});
