// A simulated world kept running for trying cto by hand at scale (the bench's world, no measurement):
//   npm run build && node bench/scale-world.mjs    # WORKERS=16 TIME_SCALE=0.02
// Writes <dir>/env.sh (source it, then `node bin/cto plan -f <dir>/cluster.yaml`) and waits until killed.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleModules } from '../scripts/bundle-modules.mjs';

const WORKERS = Number(process.env.WORKERS ?? 16);
const timeScale = Number(process.env.TIME_SCALE ?? 0.02);
const repoRoot = process.cwd();
process.env.CTO_TESTENV_DIR ??= 'testenv';
const { startWorld, writeWorldSpec } = await import(await bundleModules(["export { startWorld, writeWorldSpec } from './testenv/demo/world.ts';"]));
const world = await startWorld({ dir: await mkdtemp(join(tmpdir(), 'cto-scale-world-')), timeScale, repoRoot });
const spec = await writeWorldSpec(world, repoRoot, { workers: WORKERS });
const env = { ...world.env, CTO_LATITUDE_RATES: `60/20/${+(60 * timeScale).toFixed(3)}` };
await writeFile(join(world.dir, 'env.sh'), Object.entries(env).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`).join('\n') + '\n');
console.log(`world ${world.dir}: spec ${spec}; source ${join(world.dir, 'env.sh')}`);
const stop = () => world.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
