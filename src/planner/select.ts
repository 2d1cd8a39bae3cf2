import { CtoError } from '../diagnostics/error.js';
import { withDependencies, withDependents } from '../graph/dag.js';
import type { CompiledGraph } from './compile.js';
import type { Step } from './step.js';

/**
 * `--target` keeps the named steps and everything they depend on; `--exclude` drops the named steps
 * and everything that depends on them. A name ending in `/` selects every step under it (`server/`).
 */
export function selectSteps(compiled: CompiledGraph, targets: string[], excludes: string[]): Step[] {
  const byId = new Map(compiled.steps.map((s) => [s.id, s]));
  const expand = (names: string[], flag: string) =>
    names.flatMap((name) => {
      const hits = name.endsWith('/') ? compiled.steps.filter((s) => s.id.startsWith(name)).map((s) => s.id) : byId.has(name) ? [name] : [];
      if (!hits.length) {
        const near = compiled.steps.map((s) => s.id).filter((id) => id.includes(name.split('/').pop() ?? name)).slice(0, 5);
        throw new CtoError({ severity: 'error', message: `${flag} ${name}: no such step`, hint: near.length ? `did you mean ${near.join(', ')}?` : 'see `cto graph -f <spec>` for the step ids' });
      }
      return hits;
    });
  const keep = targets.length ? withDependencies(compiled.steps, expand(targets, '--target')) : new Set(byId.keys());
  const dropped = withDependents(compiled.steps, expand(excludes, '--exclude'));
  return compiled.steps.filter((s) => keep.has(s.id) && !dropped.has(s.id));
}
