// Files of upstream releases (charts, manifests, schemas) that testenv/build.sh
// fetched as testenv/upstream/modules lists them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, testenvDir } from './paths.js';

interface Pin {
  name: string;
  module: string;
  version: string;
}

/** build.sh's spec_default(): the schema default of a spec field, cto's own pin. */
function specDefault(field: string): string {
  const schema = JSON.parse(readFileSync(join(testenvDir, '..', 'schema', 'cluster.schema.json'), 'utf8')) as Record<string, unknown>;
  type Node = { properties: Record<string, Node>; default?: unknown };
  return String(field.split('.').reduce((n: Node, k) => n.properties[k]!, schema as Node).default);
}

function pins(): Pin[] {
  return readFileSync(join(testenvDir, 'upstream', 'modules'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [name, module, pinned] = l.trim().split(/\s+/) as [string, string, string];
      const version = pinned.startsWith('spec.') ? specDefault(pinned) : pinned;
      return { name, module, version: version.startsWith('v') ? version : `v${version}` };
    });
}

/** The versions of `name` that the test environment holds, cto's default first when it pins one. */
export function upstreamVersions(name: string): string[] {
  return pins().filter((p) => p.name === name).map((p) => p.version);
}

/**
 * Absolute path of `file` (a listed path's base name, then anything below it)
 * in release `name` at `version` (default: the only or first version listed).
 */
export function upstreamFile(name: string, file: string, version?: string): string {
  const pin = pins().find((p) => p.name === name && (version === undefined || p.version === version));
  if (!pin) throw new Error(`testenv/upstream/modules lists no ${name}${version ? `@${version}` : ''}`);
  const path = join(cacheRoot(), 'upstream', `${pin.name}@${pin.version}`, file);
  if (!existsSync(path)) throw new Error(`${pin.module}@${pin.version}: ${file} is not fetched (looked for ${path}): run \`npm run testenv:build\``);
  return path;
}
