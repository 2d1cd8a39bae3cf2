import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { stateCommand, type StateCommandOptions } from '../../src/cli/commands/state.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { LocalBackend, backendFromOptions } from '../../src/state/backend.js';
import { connectStateCluster } from '../../src/state/kubernetes/api.js';
import { stateKeyFromEnv } from '../../src/state/kubernetes/key.js';
import { unpackFiles } from '../../src/state/kubernetes/pack.js';
import { SecretStore } from '../../src/state/kubernetes/secret-store.js';
import { repoRoot, TEST_ENV } from '../support/cli.js';
import { expectSameState, newKey, seededFolder, seededSecret, tempFolder } from './context.js';

const kubeconfig = inject('kubeconfigPath');
const namespace = 'cto-state-command-test';
const env = { ...TEST_ENV, CTO_STATE_KEY: newKey() };
let spec: string;

beforeAll(async () => {
  // examples/two-node.yaml names the cluster cto-prod.
  spec = path.join(await mkdtemp(path.join(os.tmpdir(), 'cto-state-cmd-')), 'cluster.yaml');
  await copyFile(path.join(repoRoot, 'examples/two-node.yaml'), spec);
});

async function run(action: 'pull' | 'push', o: StateCommandOptions, e: Record<string, string> = env): Promise<string[]> {
  const lines: string[] = [];
  expect(await stateCommand(action, { file: spec, ...o }, e, (l) => lines.push(l))).toBe(0);
  return lines;
}

const remote = { stateBackend: 'kubernetes', stateKubeconfig: kubeconfig, stateNamespace: namespace };

describe('cto state push / pull', () => {
  it('push then pull into another folder reproduces every file byte for byte, 0600, and removes files the remote lacks', async () => {
    const source = await seededFolder('cmd-src', seededSecret());
    const pushed = await run('push', { ...remote, stateDir: source.dir });
    expect(pushed).toEqual([expect.stringMatching(new RegExp(`^pushed 5 files \\(\\d+ bytes\\) from ${source.dir} to Secret ${namespace}/cto-state-cto-prod on https://127\\.0\\.0\\.1:\\d+$`))]);
    // The push released both locks.
    expect(await source.exists('lock.json')).toBe(false);
    await expect((await backendFromOptions({ ...remote, cluster: 'cto-prod', folder: source }, env)).lock({ command: 'probe', ttlMs: 1000 }).then((l) => l.release())).resolves.toBeUndefined();

    const target = await tempFolder('cmd-dst');
    await target.writeAtomic('stale/leftover', 'from another cluster');
    const pulled = await run('pull', { ...remote, stateDir: target.dir });
    expect(pulled).toEqual([expect.stringMatching(new RegExp(`^pulled 5 files \\(\\d+ bytes\\) from Secret ${namespace}/cto-state-cto-prod on \\S+ into ${target.dir}; removed stale/leftover$`))]);
    await expectSameState(source, target);
  });

  it('state moves between the local and the kubernetes backend without changing a byte', async () => {
    const origin = await seededFolder('chain-origin', seededSecret(), 1200 * 1024);
    const kubeEnv = { CTO_STATE_KEY: newKey() };
    const a = await tempFolder('chain-a');
    const b = await tempFolder('chain-b');
    // origin → local backend a → kubernetes → b
    await new LocalBackend(a).push(origin);
    const kube = await backendFromOptions({ ...remote, cluster: 'chain', folder: a }, kubeEnv);
    await kube.push(a);
    await kube.pull(b);
    const c = await tempFolder('chain-c');
    await new LocalBackend(b).pull(c);
    await expectSameState(origin, c);
  });

  it('push waits for the remote lock with --lock-wait, and without it names the holder', async () => {
    const source = await seededFolder('cmd-locked', seededSecret(), 10);
    const holder = await (await backendFromOptions({ ...remote, cluster: 'cto-prod', folder: source }, env)).lock({ command: 'cto apply -f cluster.yaml', ttlMs: 60_000 });
    const refused = await stateCommand('push', { file: spec, ...remote, stateDir: source.dir }, env, () => undefined).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CtoError);
    expect((refused as Error).message).toMatch(/^state is locked by \S+ pid \d+ running `cto apply -f cluster\.yaml` since /);
    // The refused push left the local lock free again.
    expect(await source.exists('lock.json')).toBe(false);

    setTimeout(() => void holder.release(), 1_000);
    expect(await run('push', { ...remote, stateDir: source.dir, lockWait: 20, force: true })).toEqual([expect.stringMatching(/^pushed 5 files/)]);
  });

  it('push refuses to overwrite what someone else pushed since this folder last synced, unless forced', async () => {
    const alice = await tempFolder('cmd-alice');
    const bob = await tempFolder('cmd-bob');
    await run('pull', { ...remote, stateDir: alice.dir });
    await run('pull', { ...remote, stateDir: bob.dir });
    const record = (f: typeof alice) => f.read('remote-state.json').then((b) => JSON.parse(b!.toString()) as { location: string; generation: number });
    const base = (await record(alice)).generation;
    expect(await record(bob)).toEqual({ location: expect.stringMatching(/^Secret cto-state-command-test\/cto-state-cto-prod on https:/), generation: base });

    await bob.writeAtomic('kubeconfig', 'bob rotated the kubeconfig');
    await run('push', { ...remote, stateDir: bob.dir });
    expect((await record(bob)).generation).toBe(base + 1);

    await alice.writeAtomic('journal.jsonl', 'alice applied something\n');
    await expect(stateCommand('push', { file: spec, ...remote, stateDir: alice.dir }, env, () => undefined)).rejects.toThrow(
      `is at generation ${base + 1}, but this folder last synced generation ${base}: someone pushed since`,
    );
    // Pulling brings Bob's change in (and drops Alice's unpushed one); then her push goes through.
    await run('pull', { ...remote, stateDir: alice.dir });
    expect((await alice.read('kubeconfig'))!.toString()).toBe('bob rotated the kubeconfig');
    await alice.writeAtomic('journal.jsonl', 'alice applied something\n');
    await run('push', { ...remote, stateDir: alice.dir });
    // Bob is behind now; --force overwrites anyway.
    await bob.writeAtomic('journal.jsonl', 'bob insists\n');
    await run('push', { ...remote, stateDir: bob.dir, force: true });
    const check = await tempFolder('cmd-check');
    await run('pull', { ...remote, stateDir: check.dir });
    expect((await check.read('journal.jsonl'))!.toString()).toBe('bob insists\n');
    expect((await record(check)).generation).toBe(base + 3);
    // The sync record and the lock are about one folder: they are never pushed.
    const stored = await new SecretStore(await connectStateCluster(kubeconfig), namespace, 'cto-prod', stateKeyFromEnv(env)).read();
    expect([...unpackFiles(stored!.plaintext).keys()].sort()).toEqual(['blobs/big.bin', 'journal.jsonl', 'kubeconfig', 'talos/secrets.yaml', 'talos/talosconfig']);
  });

  it('refuses without a remote backend, a usable key, namespace or wait, and refuses to push an empty folder', async () => {
    const folder = await tempFolder('cmd-nobackend');
    await expect(stateCommand('sync' as 'pull', { file: spec, stateDir: folder.dir, ...remote }, env)).rejects.toThrow('unknown state action "sync"');
    await expect(stateCommand('push', { file: spec, stateDir: folder.dir }, env)).rejects.toThrow(
      'cto state push moves state between the local folder and a remote backend, and none is selected',
    );
    await expect(stateCommand('pull', { file: spec, stateDir: folder.dir, stateBackend: 's3' }, env)).rejects.toThrow('unknown state backend "s3"');
    await expect(stateCommand('pull', { file: spec, stateDir: folder.dir, ...remote }, { ...TEST_ENV })).rejects.toThrow('CTO_STATE_KEY is not set');
    await expect(stateCommand('pull', { file: spec, stateDir: folder.dir, ...remote, stateNamespace: 'Bad_NS' }, env)).rejects.toThrow('invalid state namespace "Bad_NS"');
    await expect(stateCommand('push', { file: spec, stateDir: folder.dir, ...remote, lockWait: 'soon' }, env)).rejects.toThrow('--lock-wait must be a number of seconds, got "soon"');
    await expect(stateCommand('push', { file: spec, stateDir: folder.dir, ...remote }, env)).rejects.toThrow(`the state folder ${folder.dir} is empty: nothing to push`);
  });

  it('an unreachable state cluster is one clear error that names it and leaks no credential', async () => {
    const folder = await tempFolder('cmd-unreachable');
    const token = 'kubeconfig-token-0123456789abcdef';
    const unreachable = path.join(path.dirname(spec), 'unreachable.kubeconfig');
    await writeFile(
      unreachable,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster: {server: "https://127.0.0.1:1"}\ncontexts:\n- name: x\n  context: {cluster: x, user: x}\ncurrent-context: x\nusers:\n- name: x\n  user: {token: ${token}}\n`,
    );
    const err = await stateCommand('push', { file: spec, stateDir: folder.dir, ...remote, stateKubeconfig: unreachable }, env, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as Error).message).toMatch(/^taking the state lock Lease cto-state-command-test\/cto-lock-cto-prod on https:\/\/127\.0\.0\.1:1 failed: .*ECONNREFUSED/);
    expect(JSON.stringify((err as CtoError).diagnostics)).not.toContain(token);
    expect(await folder.exists('lock.json')).toBe(false);
  });

  it('takes backend, kubeconfig and namespace from the environment when no flag is given', async () => {
    const source = await seededFolder('cmd-env', seededSecret(), 10);
    const e = { ...env, CTO_STATE_BACKEND: 'kubernetes', CTO_STATE_KUBECONFIG: kubeconfig, CTO_STATE_NAMESPACE: 'cto-state-command-env' };
    expect(await run('push', { stateDir: source.dir }, e)).toEqual([expect.stringContaining(' to Secret cto-state-command-env/cto-state-cto-prod on ')]);
  });
});
