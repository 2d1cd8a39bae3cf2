// The demo's apply against the critical path of its own measured step durations.
//
//   npm run build && node bench/demo-makespan.mjs     # RUNS=3 WORKERS=1 CTO_DEMO_TIME_SCALE=0.02
//
// Each run applies a fresh cluster (its own name) in one world (simulator, simulated Talos nodes, a
// real local control plane) with `--json`, and reads the walker's events: a step's duration is from
// its first start to its finish (retries included). The critical path is the longest chain of those
// durations along the plan's edges: no schedule of the same steps can beat it. The sum of all
// durations is what a sequential installer running the same steps would take. Writes bench/demo.md.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundleModules } from '../scripts/bundle-modules.mjs';
import { criticalChain, criticalPath } from './critical-path.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const WORKERS = Number(process.env.WORKERS ?? 1);
const timeScale = Number(process.env.CTO_DEMO_TIME_SCALE ?? 0.02);
const repoRoot = process.cwd();
process.env.CTO_TESTENV_DIR ??= 'testenv'; // the bundle cannot find testenv/ relative to itself

const { startWorld, writeWorldSpec } = await import(await bundleModules(["export { startWorld, writeWorldSpec } from './testenv/demo/world.ts';"]));

function cto(args, env) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/cto', ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 1_800_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Durations per step from the walker's JSON events, and the apply's makespan (first start to last end). */
function measure(events) {
  const started = new Map();
  const ended = new Map();
  for (const e of events) {
    if (e.type === 'started' && !started.has(e.id)) started.set(e.id, e.at);
    if (e.type === 'finished') ended.set(e.id, e.at);
  }
  const failed = events.filter((e) => e.type === 'failed' || e.type === 'blocked' || e.type === 'cancelled');
  if (failed.length) throw new Error(`apply did not finish: ${JSON.stringify(failed.slice(0, 3))}`);
  const durations = new Map([...ended].map(([id, at]) => [id, at - started.get(id)]));
  const makespan = Math.max(...ended.values()) - Math.min(...started.values());
  return { durations, makespan };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

const world = await startWorld({ dir: await mkdtemp(join(tmpdir(), 'cto-bench-demo-')), timeScale, repoRoot });
const rows = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const name = `bench-${i}`;
    const spec = await writeWorldSpec(world, repoRoot, { workers: WORKERS, name, file: join(world.dir, `${name}.yaml`) });
    const planned = await cto(['plan', '-f', spec, '--json'], world.env);
    if (planned.code !== 0) throw new Error(`plan failed: ${planned.stderr.slice(-2000)}`);
    const graph = JSON.parse(planned.stdout).steps;
    const load = loadavg()[0];
    const applied = await cto(['apply', '-f', spec, '--auto-approve', '--json'], world.env);
    if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr.slice(-2000)}`);
    const events = applied.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const { durations, makespan } = measure(events);
    const steps = graph.map((st) => ({ id: st.id, dependsOn: st.dependsOn, ms: durations.get(st.id) ?? 0 }));
    const cp = criticalPath(steps);
    const sum = steps.reduce((a, st) => a + st.ms, 0);
    rows.push({ makespan, cp, sum, ratio: makespan / cp, chain: criticalChain(steps), load });
    console.log(`run ${i + 1}: makespan ${s(makespan)}, critical path ${s(cp)} (${(makespan / cp).toFixed(3)}), sum of steps ${s(sum)}, load ${load.toFixed(1)}`);
  }
} finally {
  await world.stop();
}

const mid = rows.find((r) => r.ratio === median(rows.map((x) => x.ratio)));
const lines = [
  '# Demo apply: makespan against the critical path',
  '',
  `\`node bench/demo-makespan.mjs\` (after \`npm run build\`), ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}.`,
  `1 control plane + ${WORKERS} worker${WORKERS === 1 ? '' : 's'}, time scale ${timeScale}, ${RUNS} runs, each a fresh cluster in one world; load average at each apply's start in the table.`,
  '',
  '| run | makespan | critical path (measured step durations) | makespan ÷ critical path | sum of all steps (sequential) | sum ÷ makespan | load |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r, i) => `| ${i + 1} | ${s(r.makespan)} | ${s(r.cp)} | ${r.ratio.toFixed(3)} | ${s(r.sum)} | ${(r.sum / r.makespan).toFixed(2)} | ${r.load.toFixed(1)} |`),
  '',
  `Median makespan ÷ critical path: **${median(rows.map((r) => r.ratio)).toFixed(3)}** (target ≤ 1.1). Critical chain of the median run: ${mid.chain.map((id) => `\`${id}\``).join(' → ')}.`,
  '',
];
await writeFile(join(repoRoot, 'bench/demo.md'), lines.join('\n'));
console.log(lines.join('\n'));
