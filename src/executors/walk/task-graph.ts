import { CtoError } from '../../diagnostics/error.js';
import { dagProblems, type DagNode } from '../../graph/dag.js';

/**
 * Rejects graphs the walker cannot run: duplicate ids, dependencies on ids
 * that do not exist, and cycles (named as a path, `a → b → a`).
 */
export function checkTaskGraph(tasks: readonly DagNode[]): void {
  const problems = dagProblems(tasks).map((p) =>
    p.type === 'duplicate' ? `task ${p.id} is defined twice` : p.type === 'unknown' ? `task ${p.id} depends on unknown task ${p.dependency}` : `tasks form a cycle: ${p.path.join(' → ')}`,
  );
  if (problems.length > 0) {
    throw new CtoError(problems.map((message) => ({ severity: 'error' as const, message })));
  }
}
