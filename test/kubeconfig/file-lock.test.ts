import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withKubeconfigLock } from '../../src/executors/kubeconfig/file-lock.js';
import { testenvBin } from '../../testenv/paths.js';
import { FakeClock } from '../support/fake-clock.js';

const run = promisify(execFile);
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cto-kubelock-')), 'config');
const signal = () => AbortSignal.timeout(60_000);

describe("kubeconfig writes take kubectl's lock", () => {
  it('loses no edit when several writers read, change and write the same file', async () => {
    const file = tempFile();
    writeFileSync(file, '0');
    await Promise.all(Array.from({ length: 12 }, (_, i) => withKubeconfigLock(file, signal(), async () => {
      const n = Number(readFileSync(file, 'utf8'));
      await new Promise((r) => setTimeout(r, (i * 7) % 13));
      writeFileSync(file, String(n + 1));
    })));
    expect(readFileSync(file, 'utf8')).toBe('12');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('keeps the real kubectl out while it writes, and lets it in after', async () => {
    const file = tempFile();
    const kubectl = () => run(testenvBin('kubectl'), ['config', 'set-context', 'theirs', '--cluster', 'x', '--kubeconfig', file]);
    const refused = await withKubeconfigLock(file, signal(), () => kubectl().then(() => undefined, (e: { stderr: string }) => e.stderr));
    expect(refused).toContain(`${file}.lock`);
    await kubectl();
    expect(readFileSync(file, 'utf8')).toContain('name: theirs');
  });

  it('waits for a writer that holds the lock, and names a lock that never goes', async () => {
    const file = tempFile();
    writeFileSync(`${file}.lock`, '');
    setTimeout(() => void import('node:fs/promises').then((fs) => fs.rm(`${file}.lock`)), 200);
    expect(await withKubeconfigLock(file, signal(), async () => 'written')).toBe('written');

    writeFileSync(`${file}.lock`, '');
    const err = await withKubeconfigLock(file, signal(), async () => 'never', new FakeClock()).catch((e: Error) => e);
    expect((err as Error).message).toBe(`${file} is locked by another writer: ${file}.lock has existed for 15 s`);
    expect(existsSync(`${file}.lock`)).toBe(true); // a live writer's lock is never taken away
  });

  it('takes over the lock of a cto killed mid-write at once, and an empty kubectl lock once it is old', async () => {
    const file = tempFile();
    writeFileSync(`${file}.lock`, `cto 999999999 ${hostname()}\n`);
    expect(await withKubeconfigLock(file, signal(), async () => 'written', new FakeClock())).toBe('written');

    writeFileSync(`${file}.lock`, '');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(`${file}.lock`, old, old);
    expect(await withKubeconfigLock(file, signal(), async () => 'written', new FakeClock())).toBe('written');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
