import { describe, expect, it } from 'vitest';
import { diffKubeconfig } from '../../src/executors/kubeconfig/diff.js';
import type { EntryDigest } from '../../src/executors/kubeconfig/observed.js';

const wanted: EntryDigest = { server: 'https://10.0.0.1:6443', ca: 'ca1', cluster: 'c1', user: 'u1', context: 'x1' };
const observed = (current: EntryDigest, isCurrentContext: boolean) =>
  ({ state: 'present' as const, value: { file: '/home/me/.kube/config', context: 'cto-prod', current: { ...current, isCurrentContext }, wanted } });

describe('kubeconfig diff', () => {
  it('leaves a user who switched to another context alone', () => {
    expect(diffKubeconfig(observed(wanted, false))).toMatchObject({ action: 'noop' });
  });

  it('sets current-context when it writes the entry', () => {
    const change = diffKubeconfig(observed({}, false));
    expect(change.action).toBe('create');
    expect(change.fields.map((f) => f.path)).toEqual(['clusters[cto-prod].server', 'clusters[cto-prod].certificate-authority-data', 'users[cto-prod]', 'contexts[cto-prod]', 'current-context']);
    expect(diffKubeconfig(observed({ ...wanted, server: 'https://10.0.0.9:6443' }, true)).fields.map((f) => f.path)).toEqual(['clusters[cto-prod].server']);
  });
});
