import { describe, expect, it } from 'vitest';
import { dagProblems, dependentsOf, topologicalOrder, withDependencies, withDependents } from '../../src/graph/dag.js';

const n = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });

describe('the one DAG module', () => {
  it('names duplicates and unknown dependencies, and a cycle along dependsOn', () => {
    expect(dagProblems([n('a'), n('a'), n('b', 'ghost')])).toEqual([
      { type: 'duplicate', id: 'a' },
      { type: 'unknown', id: 'b', dependency: 'ghost' },
    ]);
    expect(dagProblems([n('x'), n('a', 'c'), n('b', 'a'), n('c', 'b')])).toEqual([{ type: 'cycle', path: ['a', 'c', 'b', 'a'] }]);
    expect(dagProblems([n('a'), n('b', 'a')])).toEqual([]);
  });

  it('orders dependencies first, ties in the given order', () => {
    const nodes = [n('d', 'b', 'c'), n('c', 'a'), n('b', 'a'), n('a'), n('e')];
    expect(topologicalOrder(nodes).map((x) => x.id)).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('closes over dependencies (--target) and dependents (--exclude)', () => {
    const nodes = [n('a'), n('b', 'a'), n('c', 'b'), n('d', 'a'), n('e')];
    expect([...withDependencies(nodes, ['c'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...withDependents(nodes, ['b'])].sort()).toEqual(['b', 'c']);
    expect(dependentsOf([n('a'), n('b', 'a', 'a')]).get('a')).toEqual(['b']);
  });
});
