// A rolling Talos upgrade's makespan against the sum of its node times, measured in the same apply.
//
//   npm run build && nice -n 10 node bench/upgrade-makespan.mjs     # RUNS=3 WORKERS=3 MAX_UNAVAILABLE=2 CTO_DEMO_TIME_SCALE=0.02
//
// Each run builds a fresh 1 + WORKERS cluster (its own name) on Talos v1.13.8 in one world (simulator,
// simulated Talos nodes, a real local control plane), then moves it to v1.13.9 with `cto apply --json`
// and reads the walker's events: the rollout's makespan runs from the first `talos/upgrade/<node>` start
// to the last one's end; the baseline is the sum of those steps' own durations (what a one-node-at-a-time
// rollout of the same nodes would take). Control planes go one at a time, workers MAX_UNAVAILABLE at a
// time, so the ratio should sit near (control planes + workers ÷ MAX_UNAVAILABLE) ÷ nodes. Writes bench/upgrade.md.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { measure } from './critical-path.mjs';
import { cto, loadWorld, median, seconds } from './world-cli.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const WORKERS = Number(process.env.WORKERS ?? 3);
const MAX_UNAVAILABLE = Number(process.env.MAX_UNAVAILABLE ?? 2);
const timeScale = Number(process.env.CTO_DEMO_TIME_SCALE ?? 0.02);
const FROM = 'v1.13.8';
const TO = 'v1.13.9';
const repoRoot = process.cwd();

const { startWorld, writeWorldSpec } = await loadWorld();

const s = seconds;

async function setSpec(spec, edits) {
  const doc = parseDocument(await readFile(spec, 'utf8'));
  for (const [path, value] of edits) doc.setIn(path, value);
  await writeFile(spec, String(doc));
}

/** Builds cluster `name` on FROM, upgrades it to TO: the rollout's makespan and each node's upgrade time. */
async function rollout(name) {
  const spec = await writeWorldSpec(world, repoRoot, { workers: WORKERS, name, file: join(world.dir, `${name}.yaml`) });
  await setSpec(spec, [[['spec', 'talos', 'version'], FROM], [['spec', 'upgrade'], { maxUnavailable: MAX_UNAVAILABLE }]]);
  const built = await cto(['apply', '-f', spec, '--auto-approve'], world.env);
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr.slice(-2000)}`);
  await setSpec(spec, [[['spec', 'talos', 'version'], TO]]);
  const applied = await cto(['apply', '-f', spec, '--auto-approve', '--json'], world.env);
  if (applied.code !== 0) throw new Error(`upgrade failed: ${applied.stderr.slice(-2000)}`);
  const events = applied.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((e) => e.id.startsWith('talos/upgrade/'));
  const { durations, makespan } = measure(events);
  if (durations.size !== WORKERS + 1) throw new Error(`expected ${WORKERS + 1} node upgrades, saw ${durations.size}`);
  const nodes = (await world.talos.nodes()).filter((n) => n.hostname.startsWith(`${name}-`));
  if (nodes.some((n) => n.os.version !== TO)) throw new Error(`not every node runs ${TO}`);
  return { makespan, sum: [...durations.values()].reduce((a, b) => a + b, 0), durations };
}

const world = await startWorld({ dir: await mkdtemp(join(tmpdir(), 'cto-bench-upgrade-')), timeScale, repoRoot });
const rows = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const load = loadavg()[0];
    const r = await rollout(`bench-up-${i}`);
    rows.push({ ...r, ratio: r.makespan / r.sum, load, loadAfter: loadavg()[0] });
    console.log(`run ${i + 1}: rollout ${s(r.makespan)}, sum of node times ${s(r.sum)} (÷ ${(r.makespan / r.sum).toFixed(2)}), load ${load.toFixed(1)}`);
  }
} finally {
  await world.stop();
}

const nodes = WORKERS + 1;
const expected = (1 + Math.ceil(WORKERS / MAX_UNAVAILABLE)) / nodes;
const mid = rows.find((r) => r.ratio === median(rows.map((x) => x.ratio)));
const lines = [
  '# Rolling Talos upgrade: makespan against the sum of its node times',
  '',
  `\`nice -n 10 node bench/upgrade-makespan.mjs\` (after \`npm run build\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}.`,
  `1 control plane + ${WORKERS} workers, \`spec.upgrade.maxUnavailable: ${MAX_UNAVAILABLE}\`, Talos ${FROM} → ${TO} (one hop), time scale ${timeScale}, ${RUNS} runs, each a fresh cluster in one world; load average (1 min) at each run's start and end in the table.`,
  '',
  '| run | rollout makespan (first `talos/upgrade` start → last end) | sum of the node upgrade times (baseline) | makespan ÷ sum | load at start → end |',
  '|---|---|---|---|---|',
  ...rows.map((r, i) => `| ${i + 1} | ${s(r.makespan)} | ${s(r.sum)} | ${r.ratio.toFixed(2)} | ${r.load.toFixed(1)} → ${r.loadAfter.toFixed(1)} |`),
  '',
  `Median makespan ÷ sum: **${median(rows.map((r) => r.ratio)).toFixed(2)}**; with equal node times the rolling order would give ${expected.toFixed(2)} (the control plane alone, then ${Math.ceil(WORKERS / MAX_UNAVAILABLE)} rounds of at most ${MAX_UNAVAILABLE} workers, ÷ ${nodes} nodes, with equal node times). Node times of the median run: ${[...mid.durations].map(([id, ms]) => `\`${id}\` ${s(ms)}`).join(', ')}.`,
  '',
];
await writeFile(join(repoRoot, 'bench/upgrade.md'), lines.join('\n'));
console.log(lines.join('\n'));
