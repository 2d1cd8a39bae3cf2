// What the world benchmarks share: the test world (bundled from TypeScript), `bin/cto` run as a user
// runs it, and how figures are reduced and printed.
import { execFile } from 'node:child_process';
import { bundleModules } from '../scripts/bundle-modules.mjs';

process.env.CTO_TESTENV_DIR ??= 'testenv'; // the bundle cannot find testenv/ relative to itself

/** `startWorld` and `writeWorldSpec` of `testenv/demo/world.ts`. */
export const loadWorld = async () => import(await bundleModules(["export { startWorld, writeWorldSpec } from './testenv/demo/world.ts';"]));

/** Runs bin/cto; never throws on a non-zero exit. */
export function cto(args, env) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/cto', ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 1_800_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
