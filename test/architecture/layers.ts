import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layers of `src/`, top first (docs/how-it-works.md, "Architecture"). A module may import its own
 * folder and any layer below its own, never one above, and never a neighbour on its own row: the
 * planner does not run the walker, the walker knows no step kinds or plans, the simulator is a
 * program of its own. Each entry is a folder under `src/`; a module belongs to the longest that
 * contains it, so `executors/walk` (the generic walker) sits apart from the step kinds around it.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['engine', 'sim'],
  ['executors'],
  ['planner', 'executors/walk'],
  ['gitops-tree'],
  ['clients'],
  ['time', 'graph'],
  ['state'],
  ['spec'],
  ['diagnostics', 'config'],
];

/** Files outside `src/` that `src/` may read: the package manifest (version) and the spec schema. */
const OUTSIDE_ALLOWED = ['package.json', 'schema/'];

export interface Import {
  /** Repository-relative paths with `/`, e.g. `src/clients/latitude/client.ts`. */
  from: string;
  to: string;
}

interface Place {
  folder: string;
  rank: number;
}

function placeOf(file: string): Place | undefined {
  if (!file.startsWith('src/')) return undefined;
  const inSrc = file.slice('src/'.length);
  let best: Place | undefined;
  LAYERS.forEach((row, rank) => {
    for (const folder of row) {
      if (inSrc.startsWith(`${folder}/`) && (!best || folder.length > best.folder.length)) best = { folder, rank };
    }
  });
  return best;
}

/** Why an import breaks the layering, or undefined when it keeps it. */
export function violation({ from, to }: Import): string | undefined {
  if (!from.startsWith('src/')) return undefined;
  const source = placeOf(from);
  if (!source) return `${from} is in no layer: add its folder to LAYERS in test/architecture/layers.ts`;
  if (!to.startsWith('src/')) {
    if (OUTSIDE_ALLOWED.some((p) => to === p || (p.endsWith('/') && to.startsWith(p)))) return undefined;
    return `${from} imports ${to}: src/ never imports ${to.split('/')[0]}/ (test harnesses live outside the product)`;
  }
  const target = placeOf(to);
  if (!target) return `${from} imports ${to}, which is in no layer`;
  if (target.folder === source.folder) return undefined;
  if (target.rank < source.rank) return `${from} (${source.folder}) imports ${to} (${target.folder}), a layer above it`;
  if (target.rank === source.rank) return `${from} (${source.folder}) imports ${to} (${target.folder}), a neighbour on its own layer`;
  return undefined;
}

/** Every relative import, re-export and dynamic import of every TypeScript module under `src/`. */
export function importsOf(root: string): Import[] {
  const out: Import[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(...importsOfFile(root, path));
    }
  };
  walk(join(root, 'src'));
  return out;
}

function importsOfFile(root: string, path: string): Import[] {
  // preProcessFile is the compiler's own scanner: static imports, `export … from`, `import type` and `import()`.
  const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  const from = posix(relative(root, path));
  return importedFiles
    .filter((f) => f.fileName.startsWith('.'))
    .map((f) => ({ from, to: posix(relative(root, resolve(dirname(path), f.fileName))).replace(/\.js$/, '.ts') }));
}

const posix = (p: string) => p.split(sep).join('/');
