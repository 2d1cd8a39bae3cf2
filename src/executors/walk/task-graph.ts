import { CtoError } from '../../diagnostics/error.js';

interface Node {
  id: string;
  dependsOn: string[];
}

/**
 * Rejects graphs the walker cannot run: duplicate ids, dependencies on ids
 * that do not exist, and cycles (named as a path, `a → b → a`).
 */
export function checkTaskGraph(tasks: readonly Node[]): void {
  const byId = new Map<string, Node>();
  const problems: string[] = [];
  for (const t of tasks) {
    if (byId.has(t.id)) problems.push(`task ${t.id} is defined twice`);
    byId.set(t.id, t);
  }
  for (const t of tasks) {
    for (const dep of t.dependsOn) {
      if (!byId.has(dep)) problems.push(`task ${t.id} depends on unknown task ${dep}`);
    }
  }
  if (problems.length === 0) {
    const cycle = findCycle(tasks, byId);
    if (cycle) problems.push(`tasks form a cycle: ${cycle.join(' → ')}`);
  }
  if (problems.length > 0) {
    throw new CtoError(problems.map((message) => ({ severity: 'error' as const, message })));
  }
}

function findCycle(tasks: readonly Node[], byId: Map<string, Node>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  // Iterative DFS: graphs can be deep enough to matter for recursion in benchmarks.
  for (const root of tasks) {
    if (state.has(root.id)) continue;
    const frames: { id: string; next: number }[] = [{ id: root.id, next: 0 }];
    state.set(root.id, 'visiting');
    stack.push(root.id);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const deps = byId.get(frame.id)!.dependsOn;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        const s = state.get(dep);
        if (s === 'visiting') return [...stack.slice(stack.indexOf(dep)), dep];
        if (s === undefined) {
          state.set(dep, 'visiting');
          stack.push(dep);
          frames.push({ id: dep, next: 0 });
        }
      } else {
        state.set(frame.id, 'done');
        stack.pop();
        frames.pop();
      }
    }
  }
  return undefined;
}
