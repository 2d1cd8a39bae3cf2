// Measures warm start-up time and memory of the control plane, for
// bench/testenv.md. Run (after npm run testenv:build):
//   npx esbuild testenv/measure-startup.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=testenv/.measure-startup.mjs && node testenv/.measure-startup.mjs
import { readdir, readFile } from 'node:fs/promises';
import { startControlPlane } from './controlplane.js';

const runs = Number(process.env.RUNS ?? 5);

/** Resident memory of every process whose command line mentions the control-plane dir. */
async function rssKiB(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(dir) || cmdline.startsWith('setpriv')) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const name = cmdline.split('\0')[0]!.split('/').pop()!;
    if (rss) out[name] = (out[name] ?? 0) + Number(rss[1]);
  }
  return out;
}

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const cp = await startControlPlane();
  const seconds = (performance.now() - t0) / 1000;
  times.push(seconds);
  if (i === runs - 1) {
    await cp.createNode({ name: 'measure-1' });
    const rss = await rssKiB(cp.dir);
    const total = Object.values(rss).reduce((a, b) => a + b, 0);
    console.log('RSS MiB:', Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, Math.round(v / 1024)])), 'total', Math.round(total / 1024));
  }
  const s0 = performance.now();
  await cp.stop();
  console.log(`run ${i + 1}: start ${seconds.toFixed(2)} s, stop ${((performance.now() - s0) / 1000).toFixed(2)} s`);
}
times.sort((a, b) => a - b);
console.log(`median start-up of ${runs}: ${times[Math.floor(runs / 2)]!.toFixed(2)} s`);
