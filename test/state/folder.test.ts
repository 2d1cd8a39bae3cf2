import { mkdtemp, readdir, stat, writeFile, chmod, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { StateFolder } from '../../src/state/folder.js';

let root: string;
let folder: StateFolder;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cto-state-'));
  folder = new StateFolder(path.join(root, '.cto', 'demo'));
});

afterEach(() => {
  process.umask(0o022);
});

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('StateFolder', () => {
  it('places the folder at .cto/<cluster>/ beside the spec', () => {
    expect(StateFolder.forSpec('/srv/clusters/prod/cluster.yaml', 'prod')).toBe('/srv/clusters/prod/.cto/prod');
    expect(StateFolder.forSpec('cluster.yaml', 'demo')).toBe(path.join(process.cwd(), '.cto', 'demo'));
    expect(() => StateFolder.forSpec('cluster.yaml', '../etc')).toThrow(CtoError);
  });

  it('writes atomically: content replaced whole, no temp files left, folders 0700 and files 0600 whatever the umask', async () => {
    process.umask(0o000);
    await folder.writeAtomic('talos/secrets.yaml', 'cluster:\n  id: one\n');
    await folder.writeAtomic('talos/secrets.yaml', 'cluster:\n  id: two\n');
    await folder.writeAtomic('kubeconfig', Buffer.from('apiVersion: v1\n'));
    expect((await folder.read('talos/secrets.yaml'))!.toString()).toBe('cluster:\n  id: two\n');
    expect(await mode(folder.dir)).toBe(0o700);
    expect(await mode(path.join(folder.dir, 'talos'))).toBe(0o700);
    expect(await mode(folder.path('talos/secrets.yaml'))).toBe(0o600);
    expect(await mode(folder.path('kubeconfig'))).toBe(0o600);
    expect((await readdir(folder.dir)).sort()).toEqual(['.gitignore', 'kubeconfig', 'talos']);
    expect(await readdir(path.join(folder.dir, 'talos'))).toEqual(['secrets.yaml']);
    expect(await folder.list()).toEqual(['kubeconfig', 'talos/secrets.yaml']);
  });

  it('keeps the old content when a write fails midway', async () => {
    await folder.writeAtomic('kubeconfig', 'old');
    // A directory where the temp file's rename target is makes the rename fail.
    await mkdir(folder.path('blocked'), { recursive: true });
    await writeFile(path.join(folder.path('blocked'), 'x'), 'x');
    await expect(folder.writeAtomic('blocked', 'new')).rejects.toThrow();
    expect((await readdir(folder.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await folder.read('kubeconfig'))!.toString()).toBe('old');
  });

  it('refuses names that would escape the folder', async () => {
    for (const name of ['../escape', 'a/../../b', '/etc/passwd', 'a\0b', '', 'talos//x', '.hidden', 'a/./b']) {
      await expect(folder.writeAtomic(name, 'x'), name).rejects.toBeInstanceOf(CtoError);
      expect(() => folder.path(name), name).toThrow(/invalid state file name/);
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('does not follow a symlink planted in place of a state file', async () => {
    await folder.writeAtomic('kubeconfig', 'mine');
    const outside = path.join(root, 'outside');
    await writeFile(outside, 'not state');
    await symlink(outside, folder.path('talosconfig'));
    await expect(folder.read('talosconfig')).rejects.toThrow();
  });

  it('refuses to read secrets that other users can read, with the fix in the hint', async () => {
    await folder.writeAtomic('talos/secrets.yaml', 'ca: key');
    await chmod(folder.path('talos/secrets.yaml'), 0o644);
    const err = await folder.read('talos/secrets.yaml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toContain('readable by other users (mode 0644)');
    expect((err as CtoError).diagnostics[0]!.hint).toContain(`chmod 600 ${folder.path('talos/secrets.yaml')}`);
    // non-secret files are read regardless
    await folder.writeAtomic('journal.jsonl', '{}\n');
    await chmod(folder.path('journal.jsonl'), 0o644);
    expect((await folder.read('journal.jsonl'))!.toString()).toBe('{}\n');
  });

  it('reports absence as undefined/false, removes idempotently, lists an empty folder', async () => {
    expect(await folder.read('kubeconfig')).toBeUndefined();
    expect(await folder.exists('kubeconfig')).toBe(false);
    expect(await folder.list()).toEqual([]);
    await folder.writeAtomic('kubeconfig', 'x');
    expect(await folder.exists('kubeconfig')).toBe(true);
    await folder.remove('kubeconfig');
    await folder.remove('kubeconfig');
    expect(await folder.exists('kubeconfig')).toBe(false);
  });

  it('creates a file exclusively exactly once among concurrent callers', async () => {
    const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => folder.createExclusive('lock.json', `{"n":${i}}`)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const winner = wins.indexOf(true);
    expect((await folder.read('lock.json'))!.toString()).toBe(`{"n":${winner}}`);
    expect((await readdir(folder.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
