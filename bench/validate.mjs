// Cold start of `cto validate -f examples/two-node.yaml`: a fresh node process each run, as a user
// or CI pays it. Prints the median, min and max of N runs, beside a bare `node -e 0` measured in the
// same turns (what no CLI can go below) and the load average, since the machine is shared.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

const runs = Number(process.env.RUNS ?? 15);
const env = { ...process.env, LATITUDE_PROJECT_ID: 'bench', LATITUDE_API_KEY: 'bench-key' };
// `--version` shows what the entry point and cac cost without the spec loader.
const commands = { validate: ['bin/cto', 'validate', '-f', 'examples/two-node.yaml'], version: ['bin/cto', '--version'], bare: ['-e', '0'] };
const times = { validate: [], version: [], bare: [] };
const loadBefore = loadavg()[0];
for (let i = 0; i < runs + 2; i++) {
  for (const [name, args] of Object.entries(commands)) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, args, { env, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (i >= 2) times[name].push(ms); // two warm-ups fill the OS file cache, as on a developer's machine
  }
}
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { median: Math.round(sorted[Math.floor(sorted.length / 2)]), min: Math.round(sorted[0]), max: Math.round(sorted.at(-1)) };
};
const v = stats(times.validate);
console.log(
  JSON.stringify({
    bench: 'validate-cold',
    runs,
    medianMs: v.median,
    minMs: v.min,
    maxMs: v.max,
    versionMedianMs: stats(times.version).median,
    bareNodeMedianMs: stats(times.bare).median,
    load1: [loadBefore, loadavg()[0]].map((l) => Number(l.toFixed(2))),
    machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  }),
);
