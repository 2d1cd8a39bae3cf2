import { describe, expect, it } from 'vitest';
import { diffUnmerge, type KubeconfigUnmergeObserved } from '../../src/executors/kubeconfig/unmerge-diff.js';

const FILE = '/home/me/.kube/config';
const observed = (over: Partial<KubeconfigUnmergeObserved>) => ({
  state: 'present' as const,
  value: { file: FILE, context: 'prod', lists: [], currentContext: false, kept: [], ...over },
});

describe('diffUnmerge', () => {
  it('deletes every entry that is ours, showing the server and the context but never the credentials', () => {
    const change = diffUnmerge(observed({ lists: ['clusters', 'users', 'contexts'], currentContext: true, server: 'https://198.51.100.7:6443', uses: { cluster: 'prod', user: 'prod' } }));
    expect(change).toEqual({
      action: 'delete',
      reason: `remove context "prod" of the destroyed cluster from ${FILE}`,
      fields: [
        { path: 'clusters[prod]', before: 'https://198.51.100.7:6443' },
        { path: 'users[prod]', before: '(sensitive)', sensitive: true },
        { path: 'contexts[prod]', before: { cluster: 'prod', user: 'prod' } },
        { path: 'current-context', before: 'prod', after: '' },
      ],
    });
  });

  it('deletes only what is ours, with the entries it keeps as notes, and is never destructive', () => {
    const kept = ['context "prod" is left alone: it uses cluster "staging", not "prod"'];
    const change = diffUnmerge(observed({ lists: ['clusters', 'users'], server: 'https://198.51.100.7:6443', kept }));
    expect(change.action).toBe('delete');
    expect(change.fields.map((f) => f.path)).toEqual(['clusters[prod]', 'users[prod]']);
    expect(change.notes).toEqual(kept);
    expect(change.destructive).toBeUndefined();
  });

  it('is a noop when the context is gone, or is not this cluster', () => {
    expect(diffUnmerge(observed({}))).toEqual({ action: 'noop', fields: [], reason: `context "prod" is not in ${FILE}` });
    const kept = ['context "prod" is left alone: its cluster points at https://10.0.0.1:6443, not at this cluster\'s API https://198.51.100.7:6443'];
    expect(diffUnmerge(observed({ kept }))).toEqual({ action: 'noop', fields: [], reason: `context "prod" in ${FILE} is not this cluster's`, notes: kept });
    expect(diffUnmerge({ state: 'absent' })).toMatchObject({ action: 'noop' });
  });
});
