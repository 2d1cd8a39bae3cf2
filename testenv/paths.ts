// Where testenv/build.sh puts the binaries, and how to find one of them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * testenv/ of the repo this code runs from. Bundled into dist-demo/ (the demo),
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

/** Components: the folders of testenv/ that are Go modules (build.sh has a build_<name> for each). */
function components(): string[] {
  return readdirSync(testenvDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(testenvDir, e.name, 'go.mod')))
    .map((e) => e.name);
}

/** Source files of a component, as `find .` names them, in byte order (build.sh sorts with LC_ALL=C). */
function sourceFiles(root: string): string[] {
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && (e.name === 'go.mod' || e.name === 'go.sum' || e.name.endsWith('.go')))
    .map((e) => `./${relative(root, join(e.parentPath, e.name)).split(sep).join('/')}`);
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const keys = new Map<string, string>();

/** Must match component_dir() in testenv/build.sh: a hash of `sha256sum` over the component's sources. */
export function componentKey(component: string): string {
  let key = keys.get(component);
  if (!key) {
    const root = join(testenvDir, component);
    const digest = sourceFiles(root)
      .map((f) => `${createHash('sha256').update(readFileSync(join(root, f))).digest('hex')}  ${f}\n`)
      .join('');
    key = createHash('sha256').update(digest).digest('hex').slice(0, 16);
    keys.set(component, key);
  }
  return key;
}

/** The folder build.sh puts a component's binaries (and data files) in. */
export function componentDir(component: string): string {
  return join(cacheRoot(), component, componentKey(component));
}

/**
 * Absolute path of a test-environment binary (or of a data file the build
 * puts beside them, like kwok-stages.yaml), whichever component built it.
 */
export function testenvBin(name: 'kube-apiserver' | 'etcd' | 'kwok' | 'helm' | 'talosctl' | (string & {})): string {
  const looked: string[] = [];
  for (const component of components()) {
    const path = join(componentDir(component), name);
    if (existsSync(path)) return path;
    looked.push(path);
  }
  throw new Error(`${name} is not built (looked for ${looked.join(', ')}): run \`npm run testenv:build\``);
}
