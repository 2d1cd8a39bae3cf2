import { CtoError } from '../diagnostics/error.js';
import { withDependencies, withDependents } from '../graph/dag.js';
import { parseAddress, subjectOf } from './address.js';
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
        const near = nearIds(compiled.steps, name);
        throw new CtoError({ severity: 'error', message: `${flag} ${name}: no such step`, hint: near.length ? `did you mean ${near.join(', ')}?` : 'see `cto graph -f <spec>` for the step ids' });
      }
      return hits;
    });
  const keep = targets.length ? withDependencies(compiled.steps, expand(targets, '--target')) : new Set(byId.keys());
  const dropped = withDependents(compiled.steps, expand(excludes, '--exclude'));
  return compiled.steps.filter((s) => keep.has(s.id) && !dropped.has(s.id));
}

/**
 * For a name that is no step: the steps about a node or component it mentions (`talos/confg/cp-0` →
 * every `…/cp-0`), else those of the same type as the address it parses to (`server/worker-9` → the
 * servers there are).
 */
function nearIds(steps: Step[], name: string): string[] {
  const ids = steps.map((s) => s.id);
  const mentioned = ids.filter((id) => {
    const subject = subjectOf(parseAddress(id));
    return subject !== undefined && name.includes(subject);
  });
  const type = parseAddress(name)?.type;
  const sameType = type === undefined ? [] : ids.filter((id) => parseAddress(id)?.type === type);
  return (mentioned.length ? mentioned : sameType).slice(0, 5);
}
