import { randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { readStateFiles } from '../../src/state/backend.js';
import { StateFolder } from '../../src/state/folder.js';

export const newKey = () => randomBytes(32).toString('base64');

export async function tempFolder(prefix: string): Promise<StateFolder> {
  return new StateFolder(path.join(await mkdtemp(path.join(os.tmpdir(), `cto-${prefix}-`)), 'state'));
}

/** A secret value that must never appear in what the cluster stores. */
export const seededSecret = () => `seeded-secret-${randomBytes(12).toString('hex')}`;

/** A state folder shaped like a real one, plus a file big enough to need several chunks. */
export async function seededFolder(prefix: string, secret: string, bigBytes = 1536 * 1024): Promise<StateFolder> {
  const folder = await tempFolder(prefix);
  await folder.writeAtomic('talos/secrets.yaml', `cluster:\n  id: abc\n  secret: ${secret}\ntrustdinfo:\n  token: ${secret}\n`);
  await folder.writeAtomic('talos/talosconfig', `context: demo\ncontexts:\n  demo:\n    key: ${Buffer.from(secret).toString('base64')}\n`);
  await folder.writeAtomic('kubeconfig', `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: ${secret}\n`);
  await folder.writeAtomic('journal.jsonl', `${JSON.stringify({ op: 'begin', id: '1', stepId: 'server/cp-0', action: 'create', details: {}, at: 1 })}\n`);
  const big = randomBytes(bigBytes);
  Buffer.from(secret).copy(big, 1000);
  await folder.writeAtomic('blobs/big.bin', big);
  return folder;
}

/** Every file of `b` equals `a`'s byte for byte, and each is private (0600). */
export async function expectSameState(a: StateFolder, b: StateFolder): Promise<void> {
  const [fa, fb] = [await readStateFiles(a), await readStateFiles(b)];
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  for (const [name, data] of fa) {
    expect(fb.get(name)!.equals(data), `${name} differs`).toBe(true);
    expect((await stat(b.path(name))).mode & 0o777, `${name} mode`).toBe(0o600);
  }
}
