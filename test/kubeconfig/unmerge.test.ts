import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CtoError } from '../../src/diagnostics/error.js';
import { mergeKubeconfig } from '../../src/executors/kubeconfig/merge.js';
import { unmergeKubeconfig } from '../../src/executors/kubeconfig/unmerge.js';
import { afterRoundTrip, BLOCK_FILES, entry, USER_FILE } from './corpus.js';

const FILE = '/home/me/.kube/config';
const names = (text: string, list: string) => ((parse(text) as Record<string, { name: string }[] | null>)[list] ?? []).map((i) => i.name);

describe('unmergeKubeconfig', () => {
  for (const [what, original] of Object.entries(BLOCK_FILES)) {
    it(`gives back the file as it was before the merge: ${what}`, () => {
      const merged = mergeKubeconfig(original, entry(), FILE);
      expect(merged).not.toBe(original);
      const { text, owned } = unmergeKubeconfig(merged, entry(), FILE);
      expect(owned).toEqual({ lists: ['clusters', 'users', 'contexts'], currentContext: true, kept: [] });
      expect(text).toBe(afterRoundTrip(original));
    });
  }

  it('round-trips generated kubeconfigs byte for byte', () => {
    const others = fc.uniqueArray(fc.constantFrom('staging', 'prod', 'kind-kind', 'admin@lab', 'gke_p_z_c', 'arn:aws:eks:us-east-1:1:cluster/x'), { maxLength: 3 });
    const style = fc.record({ indent: fc.constantFrom('', '  ', '    '), flow: fc.boolean(), comment: fc.boolean(), tail: fc.boolean() });
    const file = fc
      .record({ others, finalNewline: fc.boolean(), styles: fc.array(style, { minLength: 3, maxLength: 3 }), order: fc.shuffledSubarray(['apiVersion: v1', 'kind: Config', 'LISTS', 'preferences: {}', 'CURRENT'], { minLength: 5 }), current: fc.nat() })
      .map(({ others, finalNewline, styles, order, current }) => {
        const lists = (['clusters', 'users', 'contexts'] as const).map((list, i) => {
          const { indent, flow, comment, tail } = styles[i]!;
          const note = tail ? '   # note' : '';
          if (others.length === 0) return `${list}: []\n`;
          const body = (n: string) =>
            list === 'clusters' ? { server: `https://${n.length}.example.com:6443` } : list === 'users' ? { token: `tok-${n.length}` } : { cluster: n, user: n };
          const key = list.slice(0, -1);
          const items = others.map((n) => {
            const lead = comment ? `${indent}# ${n}\n` : '';
            if (flow) return `${lead}${indent}- {name: ${JSON.stringify(n)}, ${key}: ${JSON.stringify(body(n))}}${note}\n`;
            const fields = Object.entries(body(n)).map(([k, v]) => `${indent}    ${k}: ${JSON.stringify(v)}\n`);
            return `${lead}${indent}- name: ${JSON.stringify(n)}${note}\n${indent}  ${key}:\n${fields.join('')}`;
          });
          return `${list}:\n${items.join('')}`;
        });
        const cc = others.length === 0 ? '""' : [...others.map((n) => JSON.stringify(n)), '""'][current % (others.length + 1)];
        const text = order.map((k) => (k === 'LISTS' ? lists.join('') : k === 'CURRENT' ? `current-context: ${cc}\n` : `${k}\n`)).join('');
        return finalNewline ? text : text.slice(0, -1);
      });
    fc.assert(
      fc.property(file, (original) => {
        expect(parse(original)).toBeTruthy();
        const merged = mergeKubeconfig(original, entry(), FILE);
        expect(unmergeKubeconfig(merged, entry(), FILE).text).toBe(afterRoundTrip(original));
      }),
      { numRuns: 300 },
    );
  });

  it('takes out entries whose credentials were rotated since the merge, and leaves other contexts alone', () => {
    const merged = mergeKubeconfig(USER_FILE, entry({ user: { token: 'b2xkLXRva2Vu' } }), FILE);
    const { text, owned } = unmergeKubeconfig(merged, entry(), FILE);
    expect(owned.lists).toEqual(['clusters', 'users', 'contexts']);
    expect(text).toBe(afterRoundTrip(USER_FILE));
  });

  it('leaves current-context alone when it names another context', () => {
    const merged = mergeKubeconfig(USER_FILE, entry(), FILE).replace('current-context: cto-prod', 'current-context: prod');
    const { text, owned } = unmergeKubeconfig(merged, entry(), FILE);
    expect(owned.currentContext).toBe(false);
    expect(text).toBe(USER_FILE.replace('current-context: staging', 'current-context: prod'));
  });

  it('leaves a same-named context that points at another server alone, and says why', () => {
    const elsewhere = mergeKubeconfig(USER_FILE, entry({ cluster: { server: 'https://10.9.9.9:6443', 'certificate-authority-data': 'Q0EtREFUQQ==' } }), FILE);
    const { text, owned } = unmergeKubeconfig(elsewhere, entry(), FILE);
    expect(text).toBe(elsewhere);
    expect(owned).toEqual({
      lists: [],
      currentContext: false,
      kept: ['context "cto-prod" is left alone: its cluster points at https://10.9.9.9:6443, not at this cluster\'s API https://203.0.113.10:6443'],
    });
  });

  it('leaves a same-named cluster with the same server but another certificate authority alone', () => {
    const other = mergeKubeconfig(USER_FILE, entry({ cluster: { server: 'https://203.0.113.10:6443', 'certificate-authority-data': 'T1RIRVI=' } }), FILE);
    const { text, owned } = unmergeKubeconfig(other, entry(), FILE);
    expect(text).toBe(other);
    expect(owned.kept).toEqual([expect.stringContaining('another certificate authority')]);
  });

  it('keeps a same-named context that was pointed at another cluster, taking our cluster and user', () => {
    const merged = mergeKubeconfig(USER_FILE, entry(), FILE).replace('    cluster: cto-prod\n', '    cluster: staging\n');
    const { text, owned } = unmergeKubeconfig(merged, entry(), FILE);
    expect(owned).toEqual({ lists: ['clusters', 'users'], currentContext: false, kept: ['context "cto-prod" is left alone: it uses cluster "staging", not "cto-prod"'] });
    expect(names(text, 'clusters')).toEqual(['staging', 'prod']);
    expect(names(text, 'users')).toEqual(['staging-admin', 'prod-sso']);
    expect(names(text, 'contexts')).toEqual(['staging', 'prod', 'cto-prod']);
    expect(parse(text)['current-context']).toBe('cto-prod');
  });

  it('without a cluster entry, recognises the user by its credentials only', () => {
    const merged = mergeKubeconfig(USER_FILE, entry(), FILE);
    const clusterItem = '- name: cto-prod\n  cluster:\n    server: https://203.0.113.10:6443\n    certificate-authority-data: Q0EtREFUQQ==\n';
    expect(merged).toContain(clusterItem);
    const noCluster = merged.replace(clusterItem, '');
    const { text, owned } = unmergeKubeconfig(noCluster, entry(), FILE);
    expect(owned.lists).toEqual(['users', 'contexts']);
    expect(text).toBe(afterRoundTrip(USER_FILE));

    const strangerUser = noCluster.replace('client-key-data: S0VZLURBVEE=', 'client-key-data: T1RIRVI=');
    const left = unmergeKubeconfig(strangerUser, entry(), FILE);
    expect(left.text).toBe(strangerUser);
    expect(left.owned.kept).toEqual(['context "cto-prod" is left alone: it has no cluster entry, and no user holding this cluster\'s admin credentials']);
  });

  it('is the identity on a file without our context', () => {
    for (const original of Object.values(BLOCK_FILES)) expect(unmergeKubeconfig(original, entry(), FILE)).toEqual({ text: original, owned: { lists: [], currentContext: false, kept: [] } });
  });

  it('empties lists that held only our entries; null and missing lists come back as []', () => {
    const merged = mergeKubeconfig('apiVersion: v1\nkind: Config\nclusters:\nusers: null\ncurrent-context: ""\n', entry(), FILE);
    const { text } = unmergeKubeconfig(merged, entry(), FILE);
    expect(text).toBe('apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncurrent-context: ""\ncontexts: []\n');
    const fresh = mergeKubeconfig(undefined, entry(), FILE);
    expect(parse(unmergeKubeconfig(fresh, entry(), FILE).text)).toEqual({ apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [], 'current-context': '', preferences: {} });
  });

  it('falls back to editing the document for flow-style lists, keeping every other entry', () => {
    const text = 'apiVersion: v1\nkind: Config\nclusters: [{name: a, cluster: {server: "https://a"}}]\ncontexts: [{name: a, context: {cluster: a, user: a}}]\nusers: [{name: a, user: {token: t0ken-a}}]\ncurrent-context: a\n';
    const merged = mergeKubeconfig(text, entry(), FILE);
    const back = unmergeKubeconfig(merged, entry(), FILE).text;
    expect(parse(back)).toEqual({ ...parse(text), 'current-context': '' });
  });

  it('refuses a file that is not YAML, naming it', () => {
    expect(() => unmergeKubeconfig('clusters: [unclosed\n', entry(), FILE)).toThrow(CtoError);
    expect(() => unmergeKubeconfig('clusters: [unclosed\n', entry(), FILE)).toThrow(FILE);
  });
});
