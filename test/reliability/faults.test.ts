import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../../testenv/demo/world.js';
import { repoRoot } from '../support/cli.js';
import { brokenInvariants } from './crash-resume.js';
import { campaignReportPath, markdownTable } from './campaign-report.js';
import { fullCampaign } from './campaign-size.js';
import { faultTrial, SAMPLE, SCENARIOS, type FaultResult } from './faults.js';

/**
 * The crash campaign's flow under faults instead of kills: the Latitude simulator answering 5xx, 429,
 * slowly, or dropping the answer to a create it made; the control-plane node rebooting mid-apply; the
 * local kube-apiserver restarting mid-apply. Each scenario re-runs `apply` until it succeeds and must
 * end with the same invariants. Each scenario runs once, in order, in one world (the simulator's
 * faults come from its seeded PRNG): every scenario in `npm run test:slow`, one of each kind in `npm test`.
 * `CTO_RELIABILITY_REPORT` set: figures go beside that report.
 */
const report = campaignReportPath('faults');
const scenarios = fullCampaign ? SCENARIOS : SAMPLE;
/** Workers per scenario's cluster: the campaign's 3; the sample's 1. */
const workers = fullCampaign ? 3 : 1;

describe(`fault campaign (1 CP + ${workers} workers, ${scenarios.length} scenarios)`, () => {
  let world: World;
  const results: FaultResult[] = [];

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-faults-')), timeScale: 0.005, repoRoot });
  }, 600_000);

  afterAll(async () => {
    if (report && results.length) {
      writeFileSync(report, [
        ...markdownTable(
          ['scenario', 'apply attempts', 'wall time', 'faults injected', 'error answers retried', 'step retries', 'disruption', 'invariant failures', 'why an attempt failed'],
          results.map((r) => [r.scenario, r.attempts, `${(r.wallMs / 1000).toFixed(1)} s`, r.injected, r.faultedAnswers, r.stepRetries, r.disrupted ?? '—', brokenInvariants({ ...r, failure: undefined }).join(', ') || 'none', r.failedAttempts.join('; ') || '—']),
        ),
        '',
      ].join('\n'));
    }
    await world?.stop();
    // A failed scenario's world stays, for its logs and state folders.
    if (world && results.length === scenarios.length && results.every((r) => brokenInvariants(r).length === 0)) rmSync(world.dir, { recursive: true, force: true });
  }, 120_000);

  scenarios.forEach((scenario) => {
    it(scenario.name, async () => {
      const r = await faultTrial(world, scenario, SCENARIOS.indexOf(scenario) + 1, workers);
      results.push(r);
      console.log(`[faults] ${JSON.stringify(r)}`);
      // The fault really happened: otherwise the scenario proves nothing.
      if (scenario.faults) expect(r.injected).toBeGreaterThan(0);
      if (scenario.disrupt) expect(r.disrupted).toBeDefined();
      expect(brokenInvariants(r)).toEqual([]);
    }, 1_800_000);
  });
});
