import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { StateFolder } from '../../src/state/folder.js';
import { acquireLock, breakLock, readLock } from '../../src/state/lock.js';
import { bundleState, stateChild } from './state-child.js';

let bundle: string;
let folder: StateFolder;
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundle = await bundleState();
});

beforeEach(async () => {
  folder = new StateFolder(path.join(await mkdtemp(path.join(os.tmpdir(), 'cto-lock-')), 'state'));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A second `cto` process: takes the lock and prints the outcome, then waits until killed. */
async function otherProcess(command: string): Promise<{ child: ChildProcess; line: string }> {
  const started = await stateChild(
    bundle,
    `try {
      const lock = await acquireLock(new StateFolder(${JSON.stringify(folder.dir)}), { command: ${JSON.stringify(command)}, ttlMs: 600000, spec: 'cluster.yaml' });
      console.log('HELD ' + lock.info.id);
    } catch (err) {
      console.log('REFUSED ' + err.message);
    }`,
  );
  children.push(started.child);
  return started;
}

describe('state lock', () => {
  it('a second process is refused with a message naming the holder, its command and how to unlock', async () => {
    const mine = await acquireLock(folder, { command: 'cto apply -f cluster.yaml', ttlMs: 600_000 });
    const { line } = await otherProcess('cto plan');
    const me = os.userInfo().username;
    expect(line).toBe(
      `REFUSED state is locked by ${me}@${os.hostname()} pid ${process.pid} running \`cto apply -f cluster.yaml\` since ${mine.info.startedAt}; if that run is dead, run \`cto unlock -f cluster.yaml\``,
    );
    await mine.release();
    expect(await folder.exists('lock.json')).toBe(false);
  });

  it('refuses while another live process holds it, and takes it over once that process died', async () => {
    const { child, line } = await otherProcess('cto apply');
    expect(line).toMatch(/^HELD /);
    const refused = await acquireLock(folder, { command: 'cto apply', ttlMs: 60_000, spec: 'c.yaml' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CtoError);
    expect((refused as Error).message).toContain(`pid ${child.pid} running \`cto apply\``);
    expect((refused as CtoError).diagnostics[0]!.hint).toContain(line.slice('HELD '.length));

    child.kill('SIGKILL');
    await once(child, 'exit');
    const taken = await acquireLock(folder, { command: 'cto apply', ttlMs: 60_000 });
    expect(taken.warning).toBe(`took over a stale lock held by ${os.userInfo().username}@${os.hostname()} pid ${child.pid} (pid ${child.pid} is no longer running)`);
    expect((await readLock(folder))!.pid).toBe(process.pid);
    await taken.release();
  });

  it('takes over an expired lock, and renew pushes the expiry forward', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const first = await acquireLock(folder, { command: 'cto apply', ttlMs: 60_000, now: () => now });
    expect(first.warning).toBeUndefined();
    now += 30_000;
    await first.renew();
    expect((await readLock(folder))!.expiresAt).toBe('2025-01-01T00:01:30.000Z');
    now += 59_000;
    // still live (same pid, not expired): refused
    await expect(acquireLock(folder, { command: 'cto plan', ttlMs: 60_000, now: () => now })).rejects.toThrow(/state is locked by/);
    now += 2_000;
    const second = await acquireLock(folder, { command: 'cto plan', ttlMs: 60_000, now: () => now });
    expect(second.warning).toContain('expired at 2025-01-01T00:01:30.000Z');
    // the first holder notices it lost the lock
    await expect(first.renew()).rejects.toThrow(/taken by .* while this run held it/);
    await first.release();
    expect((await readLock(folder))!.id).toBe(second.info.id);
    await second.release();
  });

  it('breakLock removes whatever lock is there and reports it; the lock file is 0600 and leaves no temp files', async () => {
    const lock = await acquireLock(folder, { command: 'cto apply', ttlMs: 60_000 });
    expect((await stat(folder.path('lock.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(folder.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await breakLock(folder)).toEqual(lock.info);
    expect(await folder.exists('lock.json')).toBe(false);
    expect(await breakLock(folder)).toBeUndefined();
  });
});
