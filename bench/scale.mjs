// A cluster of 1 control plane + N workers in the simulated world: apply makespan against the critical
// path of the run's own steps and against `--parallelism 1`, the no-op plan's wall time and talosctl
// processes, and cto's peak RSS.
//
//   npm run build && nice -n 10 node bench/scale.mjs    # SIZES=1,16,99 RUNS=3 SEQUENTIAL=1,16,99 TIME_SCALE=0.02 OUT=bench/scale.md
//
// One world per size (simulator, simulated Talos nodes, a real local control plane, the real Argo CD).
// The simulator keeps Latitude's documented limits per simulated minute, and cto's client-side budget is
// the same documented limits per simulated minute (CTO_LATITUDE_RATES=60/20/<seconds>), so the budget weighs on the
// apply as much as it would against Latitude. Each run applies a fresh cluster with the default
// parallelism, then plans it three times (no changes expected), then, for sizes in SEQUENTIAL, applies
// another fresh cluster with `--parallelism 1` in the same world: an independent sequential baseline.
// talosctl is a wrapper that logs its spawns (counted per subcommand); a preloaded module records each cto process' peak RSS.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleModules } from '../scripts/bundle-modules.mjs';
import { criticalChain, criticalPath, measure } from './critical-path.mjs';

const SIZES = (process.env.SIZES ?? '1,16,99').split(',').map(Number);
const SEQUENTIAL = new Set((process.env.SEQUENTIAL ?? process.env.SIZES ?? '1,16,99').split(',').filter(Boolean).map(Number));
const RUNS = Number(process.env.RUNS ?? 3);
const PLANS = Number(process.env.PLANS ?? 3);
const timeScale = Number(process.env.TIME_SCALE ?? 0.02);
const OUT = process.env.OUT ?? 'bench/scale.md';
const LABEL = process.env.LABEL ?? '';
const repoRoot = process.cwd();
process.env.CTO_TESTENV_DIR ??= 'testenv'; // the bundle cannot find testenv/ relative to itself

const { startWorld, writeWorldSpec } = await import(await bundleModules(["export { startWorld, writeWorldSpec } from './testenv/demo/world.ts';"]));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs bin/cto; returns its exit code, output, wall time, talosctl spawns and peak RSS (MB). */
async function cto(world, args, tag) {
  const spawns = join(world.dir, `spawns-${tag}`);
  const rss = join(world.dir, `rss-${tag}`);
  await writeFile(spawns, '');
  const env = { ...world.env, ...world.benchEnv, CTO_BENCH_SPAWNS: spawns, CTO_BENCH_RSS: rss };
  const t0 = performance.now();
  const out = await new Promise((resolve) => {
    execFile(process.execPath, ['bin/cto', ...args], { env, maxBuffer: 512 * 1024 * 1024, timeout: 3_600_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
  const wallMs = performance.now() - t0;
  const spawned = (await readFile(spawns, 'utf8')).split('\n').filter(Boolean);
  const talosctl = spawned.length;
  const rssMb = Math.max(0, ...(await readFile(rss, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => Number(l) / 1024));
  return { ...out, wallMs, talosctl, talosctlBy: bySubcommand(spawned), rssMb };
}

/** Spawns per talosctl subcommand (`get <type>` with its type), most first: which reads grow with N. */
function bySubcommand(lines) {
  const counts = new Map();
  for (const line of lines) {
    const words = line.replace(/(^|\s)(-n|-e|--nodes|--endpoints|--talosconfig|-o|--output)\s+\S+/g, '').trim().split(/\s+/);
    const key = words[0] === 'get' ? `get ${words[1]}` : words[0];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

async function applyFresh(world, workers, name, flags) {
  const spec = await writeWorldSpec(world, repoRoot, { workers, name, file: join(world.dir, `${name}.yaml`) });
  const planned = await cto(world, ['plan', '-f', spec, '--json'], `${name}-plan0`);
  if (planned.code !== 0) throw new Error(`plan failed: ${planned.stderr.slice(-2000)}`);
  const applied = await cto(world, ['apply', '-f', spec, '--auto-approve', '--json', ...flags], `${name}-apply`);
  if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr.slice(-3000)}`);
  const { durations, makespan } = measure(applied.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
  const steps = JSON.parse(planned.stdout).steps.map((st) => ({ id: st.id, dependsOn: st.dependsOn, ms: durations.get(st.id) ?? 0 }));
  return { spec, makespan, steps, talosctl: applied.talosctl, rssMb: applied.rssMb };
}

/** A plan of an applied cluster: must show no changes. */
async function noopPlan(world, spec, tag) {
  const r = await cto(world, ['plan', '-f', spec, '--json'], tag);
  if (r.code !== 0) throw new Error(`no-op plan failed: ${r.stderr.slice(-2000)}`);
  const changes = JSON.parse(r.stdout).steps.filter((st) => st.action !== 'noop');
  if (changes.length) throw new Error(`the plan after apply is not empty: ${changes.slice(0, 3).map((st) => `${st.id} ${st.action} (${st.reason})`).join('; ')}`);
  return r;
}

async function benchEnv(dir, env) {
  const wrapper = join(dir, 'talosctl-counting');
  await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> "$CTO_BENCH_SPAWNS"\nexec ${JSON.stringify(env.CTO_TALOSCTL)} "$@"\n`);
  await chmod(wrapper, 0o755);
  const probe = join(dir, 'rss-probe.mjs');
  await writeFile(probe, "import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => { if (process.env.CTO_BENCH_RSS) appendFileSync(process.env.CTO_BENCH_RSS, `${process.resourceUsage().maxRSS}\\n`); });\n");
  return {
    CTO_TALOSCTL: wrapper,
    NODE_OPTIONS: `--import=${pathToFileURL(probe).href}`,
    // Latitude's documented 60 GET / 20 writes a minute, per simulated minute (the simulator's own limits).
    CTO_LATITUDE_RATES: `60/20/${+(60 * timeScale).toFixed(3)}`,
  };
}

const results = [];
for (const workers of SIZES) {
  const world = await startWorld({ dir: await mkdtemp(join(tmpdir(), `cto-bench-scale-${workers}-`)), timeScale, repoRoot });
  world.benchEnv = await benchEnv(world.dir, world.env);
  const rows = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const name = `scale-${workers}-${i}`;
      const load = loadavg()[0];
      const parallel = await applyFresh(world, workers, name, []);
      const cp = criticalPath(parallel.steps);
      const plans = [];
      for (let p = 0; p < PLANS; p++) plans.push(await noopPlan(world, parallel.spec, `${name}-noop${p}`));
      const sequential = SEQUENTIAL.has(workers) ? await applyFresh(world, workers, `${name}-seq`, ['--parallelism', '1']) : undefined;
      const row = {
        load,
        makespan: parallel.makespan,
        cp,
        chain: criticalChain(parallel.steps),
        applyTalosctl: parallel.talosctl,
        applyRss: parallel.rssMb,
        planMs: median(plans.map((p) => p.wallMs)),
        planTalosctl: median(plans.map((p) => p.talosctl)),
        planTalosctlBy: plans.at(-1).talosctlBy,
        planRss: Math.max(...plans.map((p) => p.rssMb)),
        sequential: sequential?.makespan,
        loadAfter: loadavg()[0],
      };
      rows.push(row);
      console.log(
        `N=${workers} run ${i + 1}: apply ${s(row.makespan)} (critical path ${s(cp)}, × ${(row.makespan / cp).toFixed(3)}), ` +
          `${row.sequential ? `--parallelism 1 ${s(row.sequential)}, ` : ''}no-op plan ${s(row.planMs)} with ${row.planTalosctl} talosctl, ` +
          `apply ${row.applyTalosctl} talosctl, peak RSS apply ${row.applyRss.toFixed(0)} MB / plan ${row.planRss.toFixed(0)} MB, load ${load.toFixed(1)}→${row.loadAfter.toFixed(1)}`,
      );
    }
  } finally {
    await world.stop();
  }
  results.push({ workers, rows });
}

const cell = (rows, f, fmt) => fmt(median(rows.map(f)));
const lines = [
  `# 1 + N in the simulated world${LABEL ? `: ${LABEL}` : ''}`,
  '',
  `\`node bench/scale.mjs\` (after \`npm run build\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}.`,
  `Time scale ${timeScale}; simulator limits 60 GET / 20 writes per simulated minute, cto's budget \`CTO_LATITUDE_RATES=60/20/${+(60 * timeScale).toFixed(3)}\` (the same per simulated minute: ${+(60 * timeScale).toFixed(3)} real seconds); default \`--parallelism\`. Median of ${RUNS} run${RUNS === 1 ? '' : 's'} (each a fresh cluster), each no-op plan the median of ${PLANS}.`,
  '',
  '| N workers | apply makespan | critical path (own step durations) | makespan ÷ critical path | `--parallelism 1` makespan | no-op plan | talosctl (no-op plan) | talosctl (apply) | peak RSS apply / plan | load (start→end) |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(({ workers, rows }) =>
    `| ${workers} | ${cell(rows, (r) => r.makespan, s)} | ${cell(rows, (r) => r.cp, s)} | ${cell(rows, (r) => r.makespan / r.cp, (x) => x.toFixed(3))} | ${rows.some((r) => r.sequential) ? cell(rows.filter((r) => r.sequential), (r) => r.sequential, s) : '—'} | ${cell(rows, (r) => r.planMs, (x) => `${(x / 1000).toFixed(2)} s`)} | ${cell(rows, (r) => r.planTalosctl, String)} | ${cell(rows, (r) => r.applyTalosctl, String)} | ${cell(rows, (r) => r.applyRss, (x) => x.toFixed(0))} / ${cell(rows, (r) => r.planRss, (x) => x.toFixed(0))} MB | ${rows.map((r) => `${r.load.toFixed(1)}→${r.loadAfter.toFixed(1)}`).join(', ')} |`,
  ),
  '',
  'Per run:',
  '',
  ...results.flatMap(({ workers, rows }) =>
    rows.map((r, i) => `- N=${workers} run ${i + 1}: apply ${s(r.makespan)}, critical path ${s(r.cp)} (${r.chain.map((id) => `\`${id}\``).join(' → ')}), ${r.sequential ? `--parallelism 1 ${s(r.sequential)}, ` : ''}no-op plan ${(r.planMs / 1000).toFixed(2)} s / ${r.planTalosctl} talosctl (last: ${r.planTalosctlBy}), apply ${r.applyTalosctl} talosctl, RSS ${r.applyRss.toFixed(0)} / ${r.planRss.toFixed(0)} MB`),
  ),
  '',
];
await writeFile(resolve(repoRoot, OUT), lines.join('\n'));
console.log(lines.join('\n'));
