// Cold start of `cto validate -f examples/two-node.yaml`: a fresh node process each run, as a user
// or CI pays it. Prints the median of N runs; `--write` records it in bench/RESULTS.md's section.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const runs = Number(process.env.RUNS ?? 15);
const env = { ...process.env, LATITUDE_PROJECT_ID: 'bench', LATITUDE_API_KEY: 'bench-key' };
const times = [];
for (let i = 0; i < runs + 2; i++) {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, ['bin/cto', 'validate', '-f', 'examples/two-node.yaml'], { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (i >= 2) times.push(ms); // two warm-ups fill the OS file cache, as on a developer's machine
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ bench: 'validate-cold', runs, medianMs: Math.round(median), minMs: Math.round(times[0]), maxMs: Math.round(times.at(-1)), machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}` }));
