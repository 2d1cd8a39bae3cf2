// Where testenv/build.sh puts the binaries, and how to find one of them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * testenv/ of the repo this code runs from. Bundled into dist/ (the demo),
 * this file no longer sits in testenv/: CTO_TESTENV_DIR says where it is, or
 * else it is found by walking up to a folder that holds testenv/build.sh.
 */
export const testenvDir = process.env.CTO_TESTENV_DIR ?? findTestenvDir(dirname(fileURLToPath(import.meta.url)));

function findTestenvDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'testenv', 'build.sh'))) return join(dir, 'testenv');
    if (dirname(dir) === dir) throw new Error(`no testenv/build.sh in ${from} or any folder above it`);
  }
}

export function cacheRoot(): string {
  return process.env.CTO_TESTENV_CACHE ?? join(homedir(), '.cache', 'cto-testenv');
}

/** Must match cache_key() in testenv/build.sh. */
export function cacheKey(): string {
  const hash = createHash('sha256');
  const components = readdirSync(testenvDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(testenvDir, e.name, 'go.sum')))
    .map((e) => e.name)
    .sort(); // build.sh globs with LC_ALL=C, i.e. byte order, like sort()
  for (const name of components) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(join(testenvDir, name, 'go.sum')));
  }
  return hash.digest('hex').slice(0, 16);
}

export function binDir(): string {
  return join(cacheRoot(), cacheKey(), 'bin');
}

/**
 * Absolute path of a test-environment binary (or of a data file the build
 * puts beside them, like kwok-stages.yaml).
 */
export function testenvBin(name: 'kube-apiserver' | 'etcd' | 'kwok' | 'helm' | 'talosctl' | (string & {})): string {
  const path = join(binDir(), name);
  if (!existsSync(path)) {
    throw new Error(`${name} is not built (looked for ${path}): run \`npm run testenv:build\``);
  }
  return path;
}
