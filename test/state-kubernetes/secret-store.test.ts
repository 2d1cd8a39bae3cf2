import { randomBytes } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { backendFromOptions, readStateFiles } from '../../src/state/backend.js';
import { connectStateCluster, type StateCluster } from '../../src/state/kubernetes/api.js';
import { stateKeyFromEnv } from '../../src/state/kubernetes/key.js';
import { packFiles, unpackFiles } from '../../src/state/kubernetes/pack.js';
import { SecretStore } from '../../src/state/kubernetes/secret-store.js';
import { expectSameState, newKey, seededFolder, seededSecret, tempFolder } from './context.js';

const kubeconfig = inject('kubeconfigPath');
// Not created beforehand: the first push must create it.
const namespace = 'cto-state-store-test';
const MiB = 1024 * 1024;
let sc: StateCluster;

beforeAll(async () => {
  sc = await connectStateCluster(kubeconfig);
});

const backend = (cluster: string, key: string, folder = tempFolder('unused')) =>
  folder.then((f) => backendFromOptions({ stateBackend: 'kubernetes', stateKubeconfig: kubeconfig, stateNamespace: namespace, cluster, folder: f }, { CTO_STATE_KEY: key }));

async function secretsOf(cluster: string): Promise<V1Secret[]> {
  return (await sc.core.listNamespacedSecret({ namespace, labelSelector: `cto.dev/cluster=${cluster}` })).items;
}

const chunksOf = async (cluster: string) => (await secretsOf(cluster)).filter((s) => s.type === 'cto.dev/state-chunk');

describe('encrypted Secret store', () => {
  it('round-trips a folder with a >1 MiB file through several Secrets, each under 1 MiB, without plaintext', async () => {
    const secret = seededSecret();
    const key = newKey();
    const source = await seededFolder('store-src', secret);
    await (await backend('roundtrip', key)).push(source);

    const stored = await secretsOf('roundtrip');
    const index = stored.find((s) => s.metadata!.name === 'cto-state-roundtrip')!;
    expect(index.type).toBe('cto.dev/state-index');
    expect(index.metadata!.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'cto', 'cto.dev/cluster': 'roundtrip' });
    const field = (k: string) => Buffer.from(index.data![k]!, 'base64').toString('utf8');
    expect(field('generation')).toBe('1');
    expect(field('sha256')).toMatch(/^[0-9a-f]{64}$/);
    const chunks = stored.filter((s) => s.type === 'cto.dev/state-chunk');
    // 1.5 MiB of random bytes is 2 MiB once base64-packed: at least four 512 KiB chunks.
    expect(chunks.length).toBe(Number(field('count')));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const s of stored) {
      expect(JSON.stringify(s).length, s.metadata!.name).toBeLessThan(MiB);
      expect(s.metadata!.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'cto', 'cto.dev/cluster': 'roundtrip' });
    }

    // Neither the value nor the packed (base64) form of any file is readable in what the API server holds.
    const files = await readStateFiles(source);
    const needles = [secret, Buffer.from(secret).toString('base64'), ...[...files.values()].map((b) => b.toString('base64').slice(0, 64))];
    for (const s of stored) {
      const raw = JSON.stringify(s);
      const decoded = Object.values(s.data ?? {}).map((v) => Buffer.from(v, 'base64').toString('latin1'));
      for (const needle of needles) {
        expect(raw).not.toContain(needle);
        for (const d of decoded) expect(d).not.toContain(needle);
      }
    }

    const copy = await tempFolder('store-dst');
    await (await backend('roundtrip', key)).pull(copy);
    await expectSameState(source, copy);
  });

  it('a second push replaces the first and deletes its chunks', async () => {
    const key = newKey();
    const a = await seededFolder('gen-a', seededSecret(), 700 * 1024);
    const b = await seededFolder('gen-b', seededSecret(), 10);
    const kube = await backend('generations', key);
    await kube.push(a);
    const first = (await chunksOf('generations')).map((s) => s.metadata!.name!);
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((n) => n.startsWith('cto-state-generations.1.'))).toBe(true);
    // b never pulled what a pushed: only a forced push may replace it.
    await expect(kube.push(b)).rejects.toThrow(/^Secret cto-state-store-test\/cto-state-generations on \S+ already holds state \(generation 1\) that this folder never pulled; pushing would overwrite it$/);
    await kube.push(b, { force: true });
    const second = (await chunksOf('generations')).map((s) => s.metadata!.name!);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatch(/^cto-state-generations\.2\.[0-9a-f]{8}\.0$/);
    const copy = await tempFolder('gen-copy');
    await kube.pull(copy);
    await expectSameState(b, copy);
  });

  it('a wrong key is a clear error and leaves the local folder untouched', async () => {
    const source = await seededFolder('wrongkey-src', seededSecret(), 10);
    await (await backend('wrongkey', newKey())).push(source);
    const local = await tempFolder('wrongkey-dst');
    await local.writeAtomic('kubeconfig', 'mine');
    const err = await (await backend('wrongkey', newKey())).pull(local).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toBe('cannot decrypt state: wrong CTO_STATE_KEY? (chunk 0 of 1 of cluster wrongkey does not authenticate)');
    expect(await local.list()).toEqual(['kubeconfig']);
    expect((await local.read('kubeconfig'))!.toString()).toBe('mine');
  });

  it('pulling a cluster that was never pushed says so, or with allowEmpty leaves the folder as it is', async () => {
    const kube = await backend('never-pushed', newKey());
    await expect(kube.pull(await tempFolder('never'))).rejects.toThrow(
      /^no state is stored in Secret cto-state-store-test\/cto-state-never-pushed on https:\/\/127\.0\.0\.1:\d+ yet$/,
    );
    const local = await tempFolder('never-local');
    await local.writeAtomic('kubeconfig', 'local only');
    await kube.pull(local, { allowEmpty: true });
    expect(await local.list()).toEqual(['kubeconfig']);
    // …and that folder may then create the team state.
    await kube.push(local);
    const copy = await tempFolder('never-copy');
    await kube.pull(copy);
    await expectSameState(local, copy);
  });

  it('of two concurrent pushes exactly one wins; the loser is told and leaves no chunks behind', async () => {
    const key = stateKeyFromEnv({ CTO_STATE_KEY: newKey() });
    // Small chunks make each write many requests, so both surely read the same index before either swaps it.
    const store = () => new SecretStore(sc, namespace, 'race', key, 16 * 1024);
    const contents = [packFiles(new Map([['kubeconfig', randomBytes(200 * 1024)]])), packFiles(new Map([['kubeconfig', randomBytes(200 * 1024)]]))];
    await store().write(packFiles(new Map([['kubeconfig', Buffer.from('initial')]])), 'test');
    const results = await Promise.allSettled(contents.map((c) => store().write(c, 'test')));
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost?.reason).toBeInstanceOf(CtoError);
    expect((lost!.reason as Error).message).toMatch(/^another push of cluster race's state got in first/);
    const current = await store().read();
    expect(current!.generation).toBe(2);
    expect(current!.plaintext.equals(contents[won]!)).toBe(true);
    const chunks = await chunksOf('race');
    expect(chunks.length).toBe(current!.count);
    expect(chunks.every((s) => s.metadata!.name!.startsWith(`cto-state-race.2.${current!.write}.`))).toBe(true);
  });

  it('a reader racing a series of pushes always gets one whole pushed state, never a mix', async () => {
    const key = stateKeyFromEnv({ CTO_STATE_KEY: newKey() });
    const store = () => new SecretStore(sc, namespace, 'reader', key, 16 * 1024);
    const versions = Array.from({ length: 6 }, (_, i) => new Map([['kubeconfig', Buffer.alloc(100 * 1024, i)]]));
    await store().write(packFiles(versions[0]!), 'test');
    let writing = true;
    const writer = (async () => {
      for (const v of versions.slice(1)) await store().write(packFiles(v), 'test');
      writing = false;
    })();
    const seen = new Set<number>();
    while (writing) {
      const got = unpackFiles((await store().read())!.plaintext).get('kubeconfig')!;
      const version = got[0]!;
      expect(got.equals(versions[version]!.get('kubeconfig')!)).toBe(true);
      seen.add(version);
    }
    await writer;
    expect(seen.size).toBeGreaterThan(1);
  });
});
