// `cto plan` of a 300-step synthetic graph whose observations are all in memory: time from the first
// observation to the rendered plan, and the process's peak memory. Target: under 1 s and 150 MB.
import { renderPlanHuman } from '../src/cli/render/plan-human.js';
import { buildPlan } from '../src/planner/build-plan.js';
import { observeAndDiff } from '../src/engine/observe.js';
import { SecretSet } from '../src/spec/secrets.js';
import { registry, step, SyntheticWorld, syntheticRun } from '../test/support/synthetic.js';

const world = new SyntheticWorld();
// The shape of a big cluster: 100 servers, each with a config and a node step, fanning into shared steps.
const steps = [step('region', [])];
for (let i = 0; i < 99; i++) {
  steps.push(step(`server/n-${i}`, ['region']), step(`talos/config/n-${i}`, [`server/n-${i}`]), step(`node/n-${i}`, [`talos/config/n-${i}`]));
}
steps.push(step('gitops/sync', steps.filter((s) => s.id.startsWith('node/')).map((s) => s.id)), step('storage/class', ['gitops/sync']));
for (const s of steps) if (Number(s.id.split('-').pop()) % 3 !== 0) world.records.set(s.id, { v: 1 });

const kinds = registry(world.kind());
const times: number[] = [];
for (let run = 0; run < 7; run++) {
  const t = performance.now();
  const planned = await observeAndDiff(steps, kinds, syntheticRun(), { parallelism: 10 });
  const plan = buildPlan(planned, { cluster: 'bench', specFile: 'bench.yaml', specHash: 'x', toolVersion: '0', allowDestroy: false, secrets: new SecretSet() });
  renderPlanHuman(plan, { color: false });
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const maxRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ bench: 'plan-300-steps', steps: steps.length, runs: times.length, medianMs: Math.round(times[3]!), maxMs: Math.round(times.at(-1)!), peakRssMb: Math.round(maxRssMb) }));
