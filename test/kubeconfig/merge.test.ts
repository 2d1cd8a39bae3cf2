import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CtoError } from '../../src/diagnostics/error.js';
import { adminEntry } from '../../src/executors/kubeconfig/entry.js';
import { mergeKubeconfig } from '../../src/executors/kubeconfig/merge.js';
import { entry, USER_FILE } from './corpus.js';

const FILE = '/home/me/.kube/config';

/** `text` with each of `blocks` cut out once (each must be there). */
function withoutBlocks(text: string, blocks: string[]): string {
  let out = text;
  for (const b of blocks) {
    expect(out).toContain(b);
    out = out.replace(b, '');
  }
  return out;
}

const entries = (text: string) => {
  const c = parse(text) as Record<string, { name: string }[] | string>;
  const byName = (list: string, name: string) => (c[list] as { name: string }[]).find((i) => i.name === name);
  return { c, byName };
};

describe('mergeKubeconfig', () => {
  it('adds our cluster, user and context to a file with others, changing no other byte', () => {
    const merged = mergeKubeconfig(USER_FILE, entry(), FILE);
    const { c, byName } = entries(merged);
    expect(byName('clusters', 'cto-prod')).toEqual({ name: 'cto-prod', cluster: entry().cluster });
    expect(byName('users', 'cto-prod')).toEqual({ name: 'cto-prod', user: entry().user });
    expect(byName('contexts', 'cto-prod')).toEqual({ name: 'cto-prod', context: { cluster: 'cto-prod', user: 'cto-prod', namespace: 'default' } });
    expect(c['current-context']).toBe('cto-prod');
    // Remove exactly what was inserted (three items and the changed current-context value): the rest is the original, byte for byte.
    const inserted = [
      '- name: cto-prod\n  cluster:\n    server: https://203.0.113.10:6443\n    certificate-authority-data: Q0EtREFUQQ==\n',
      '- name: cto-prod\n  context:\n    cluster: cto-prod\n    user: cto-prod\n    namespace: default\n',
      '- name: cto-prod\n  user:\n    client-certificate-data: Q0VSVA==\n    client-key-data: S0VZLURBVEE=\n',
    ];
    expect(withoutBlocks(merged, inserted).replace('current-context: cto-prod', 'current-context: staging')).toBe(USER_FILE);
  });

  it('replaces our entries in place on a later run and leaves the others byte for byte', () => {
    const first = mergeKubeconfig(USER_FILE, entry(), FILE);
    const rotated = entry({ user: { 'client-certificate-data': 'TkVXLUNFUlQ=', 'client-key-data': 'TkVXLUtFWQ==' }, cluster: { ...entry().cluster, server: 'https://203.0.113.99:6443' } });
    const second = mergeKubeconfig(first, rotated, FILE);
    const { byName } = entries(second);
    expect(byName('users', 'cto-prod')).toEqual({ name: 'cto-prod', user: rotated.user });
    expect((byName('clusters', 'cto-prod') as unknown as { cluster: { server: string } }).cluster.server).toBe('https://203.0.113.99:6443');
    expect(second.split('\n').length).toBe(first.split('\n').length);
    const changed = first.split('\n').filter((line, i) => line !== second.split('\n')[i]);
    expect(changed.sort()).toEqual(['    client-certificate-data: Q0VSVA==', '    client-key-data: S0VZLURBVEE=', '    server: https://203.0.113.10:6443'].sort());
  });

  it('is a fixed point: merging the same entry again returns the same text', () => {
    const once = mergeKubeconfig(USER_FILE, entry(), FILE);
    expect(mergeKubeconfig(once, entry(), FILE)).toBe(once);
  });

  it('writes a complete kubeconfig when the file does not exist or is empty', () => {
    for (const existing of [undefined, '', '\n']) {
      const text = mergeKubeconfig(existing, entry(), FILE);
      expect(parse(text)).toEqual({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'cto-prod', cluster: entry().cluster }],
        users: [{ name: 'cto-prod', user: entry().user }],
        contexts: [{ name: 'cto-prod', context: { cluster: 'cto-prod', user: 'cto-prod', namespace: 'default' } }],
        'current-context': 'cto-prod',
        preferences: {},
      });
    }
  });

  it('fills empty, null and missing lists, and a file without a final newline', () => {
    const text = 'apiVersion: v1\nkind: Config\nclusters: []\nusers:\npreferences: {}\ncurrent-context: ""';
    const merged = mergeKubeconfig(text, entry(), FILE);
    const { c, byName } = entries(merged);
    expect(byName('clusters', 'cto-prod')).toBeDefined();
    expect(byName('users', 'cto-prod')).toBeDefined();
    expect(byName('contexts', 'cto-prod')).toBeDefined();
    expect(c['current-context']).toBe('cto-prod');
    expect(merged.startsWith('apiVersion: v1\nkind: Config\nclusters:\n- name: cto-prod\n')).toBe(true);
    expect(mergeKubeconfig(merged, entry(), FILE)).toBe(merged);
  });

  it('keeps the indentation style of indented lists', () => {
    const text = 'apiVersion: v1\nkind: Config\nclusters:\n  - name: a\n    cluster:\n      server: https://a\ncontexts: []\nusers: []\ncurrent-context: a\n';
    const merged = mergeKubeconfig(text, entry(), FILE);
    expect(merged).toContain('  - name: a\n    cluster:\n      server: https://a\n  - name: cto-prod\n    cluster:\n      server: https://203.0.113.10:6443\n');
  });

  it('handles flow-style lists by editing the document, keeping every other entry', () => {
    const text = 'apiVersion: v1\nkind: Config\nclusters: [{name: a, cluster: {server: "https://a"}}]\ncontexts: [{name: a, context: {cluster: a, user: a}}]\nusers: [{name: a, user: {token: t0ken-a}}]\ncurrent-context: a\n';
    const merged = mergeKubeconfig(text, entry(), FILE);
    const { c, byName } = entries(merged);
    expect(byName('clusters', 'a')).toEqual({ name: 'a', cluster: { server: 'https://a' } });
    expect(byName('users', 'a')).toEqual({ name: 'a', user: { token: 't0ken-a' } });
    expect(byName('clusters', 'cto-prod')).toBeDefined();
    expect(c['current-context']).toBe('cto-prod');
  });

  it('refuses a file that is not YAML, naming it', () => {
    expect(() => mergeKubeconfig('clusters: [unclosed\n', entry(), FILE)).toThrow(CtoError);
    try {
      mergeKubeconfig('clusters: [unclosed\n', entry(), FILE);
    } catch (err) {
      expect((err as CtoError).diagnostics[0]).toMatchObject({ file: FILE, message: expect.stringContaining(FILE) });
    }
  });
});

describe('adminEntry', () => {
  const talosKubeconfig = `apiVersion: v1
kind: Config
clusters:
    - name: cto-prod
      cluster:
        server: https://203.0.113.10:6443
        certificate-authority-data: Q0EtREFUQQ==
users:
    - name: admin@cto-prod
      user:
        client-certificate-data: Q0VSVA==
        client-key-data: S0VZLURBVEE=
contexts:
    - context:
        cluster: cto-prod
        namespace: default
        user: admin@cto-prod
      name: admin@cto-prod
current-context: admin@cto-prod
`;

  it('takes the current context of the cluster kubeconfig, renamed', () => {
    expect(adminEntry(talosKubeconfig, '/state/kubeconfig', 'prod')).toEqual({ ...entry(), name: 'prod' });
  });

  it('refuses a kubeconfig without a usable context', () => {
    expect(() => adminEntry('apiVersion: v1\nkind: Config\n', '/state/kubeconfig', 'prod')).toThrow(/no usable context/);
  });
});

describe('mergeKubeconfig on an entry that is already right', () => {
  it('leaves the file untouched, whatever its formatting', () => {
    const text = `clusters:
- {name: cto-prod, cluster: {server: "https://203.0.113.10:6443", certificate-authority-data: Q0EtREFUQQ==}}   # ours
users:
- name: cto-prod
  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZLURBVEE=}
contexts:
- context: {cluster: cto-prod, user: cto-prod, namespace: default}
  name: cto-prod
current-context: cto-prod
`;
    expect(mergeKubeconfig(text, entry(), FILE)).toBe(text);
  });
});
