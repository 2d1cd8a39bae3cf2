/**
 * The one dependency graph of the project: the planner's steps and the walker's tasks are both
 * nodes that name what they depend on. Edges are only ever read from `dependsOn`, so a graph is
 * just its node list and nothing here keeps a second copy of it.
 */
export interface DagNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

export type DagProblem = { type: 'duplicate'; id: string } | { type: 'unknown'; id: string; dependency: string } | { type: 'cycle'; path: string[] };

/**
 * Duplicate ids and dependencies on ids that do not exist; when there are none, the first cycle
 * found, as the path along `dependsOn` back to where it started (`a → c → b → a`).
 */
export function dagProblems(nodes: readonly DagNode[]): DagProblem[] {
  const byId = new Map<string, DagNode>();
  const problems: DagProblem[] = [];
  for (const n of nodes) {
    if (byId.has(n.id)) problems.push({ type: 'duplicate', id: n.id });
    byId.set(n.id, n);
  }
  for (const n of nodes) for (const dependency of n.dependsOn) if (!byId.has(dependency)) problems.push({ type: 'unknown', id: n.id, dependency });
  if (problems.length) return problems;
  const cycle = findCycle(nodes, byId);
  return cycle ? [{ type: 'cycle', path: cycle }] : [];
}

function findCycle(nodes: readonly DagNode[], byId: Map<string, DagNode>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  // Iterative DFS: graphs can be deep enough to matter for recursion in benchmarks.
  for (const root of nodes) {
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

/** id → the ids that depend on it directly, each once, in node order. */
export function dependentsOf(nodes: readonly DagNode[]): Map<string, string[]> {
  const out = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const n of nodes) for (const dep of new Set(n.dependsOn)) out.get(dep)?.push(n.id);
  return out;
}

/** The nodes in an order that respects every edge, ties broken by their given order so output is stable. */
export function topologicalOrder<N extends DagNode>(nodes: readonly N[]): N[] {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const waiting = new Map(nodes.map((n) => [n.id, new Set(n.dependsOn).size]));
  const dependents = dependentsOf(nodes);
  const ready = nodes.filter((n) => waiting.get(n.id) === 0).map((n) => index.get(n.id)!);
  const out: N[] = [];
  while (ready.length) {
    ready.sort((a, b) => a - b);
    const next = nodes[ready.shift()!]!;
    out.push(next);
    for (const d of dependents.get(next.id)!) {
      waiting.set(d, waiting.get(d)! - 1);
      if (waiting.get(d) === 0) ready.push(index.get(d)!);
    }
  }
  return out;
}

/** The given ids and everything they depend on, transitively (`--target`). */
export function withDependencies(nodes: readonly DagNode[], ids: Iterable<string>): Set<string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return reach(ids, (id) => byId.get(id)?.dependsOn ?? []);
}

/** The given ids and everything that depends on them, transitively (`--exclude`). */
export function withDependents(nodes: readonly DagNode[], ids: Iterable<string>): Set<string> {
  const dependents = dependentsOf(nodes);
  return reach(ids, (id) => dependents.get(id) ?? []);
}

function reach(start: Iterable<string>, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...next(id));
  }
  return seen;
}

/**
 * Per node (in the given order): the most nodes on any chain from it through its dependents, itself
 * included; `dependents` from dependentsOf. The graph must be acyclic (dagProblems).
 */
export function chainLengths(nodes: readonly DagNode[], dependents: Map<string, string[]>): number[] {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const memo: number[] = [];
  const length = (i: number): number => {
    if (memo[i] === undefined) memo[i] = 1 + Math.max(0, ...(dependents.get(nodes[i]!.id) ?? []).map((d) => length(index.get(d)!)));
    return memo[i]!;
  };
  return nodes.map((_, i) => length(i));
}
