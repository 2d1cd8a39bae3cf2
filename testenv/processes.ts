// Child processes of a test control plane that cannot outlive the test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Managed {
  name: string;
  logPath: string;
  child: ChildProcess;
  /** Settles when the process has exited, with its exit description. */
  exited: Promise<string>;
}

const live = new Set<Managed>();

// The last resort when the test process exits without calling stop(): 'exit'
// handlers run for normal exits and uncaught errors; pdeathsig (below) covers
// SIGKILL and crashes, where no JavaScript runs at all.
process.on('exit', () => {
  for (const m of live) killGroup(m, 'SIGKILL');
});

function killGroup(m: Managed, signal: NodeJS.Signals): void {
  if (m.child.pid === undefined) return;
  try {
    process.kill(-m.child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `command` in its own process group, logging to `<dir>/<name>.log`,
 * with `env` added to this process's environment.
 * setpriv makes the kernel SIGKILL it when this process dies, however it dies.
 */
export function startProcess(dir: string, name: string, command: string, args: string[], env: Record<string, string> = {}): Managed {
  const logPath = join(dir, `${name}.log`);
  const log = openSync(logPath, 'a');
  const child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', command, ...args], {
    cwd: dir,
    // Go's collector at 4× its default heap growth: a kube-apiserver spends a fifth of its CPU in GC at the
    // default, and the test machine has memory to spare but two cores (a GOGC the caller sets still wins).
    env: { GOGC: '400', ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`failed to start: ${err.message}`));
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  }).finally(() => live.delete(managed));
  const managed: Managed = { name, logPath, child, exited };
  live.add(managed);
  return managed;
}

/** SIGTERM, then SIGKILL after `graceMs` for processes that do not stop. */
export async function stopProcess(m: Managed, graceMs = 5_000): Promise<void> {
  if (!live.has(m)) return;
  killGroup(m, 'SIGTERM');
  const timer = setTimeout(() => killGroup(m, 'SIGKILL'), graceMs);
  await m.exited;
  clearTimeout(timer);
}

export async function logTail(m: Managed, lines = 30): Promise<string> {
  const text = await readFile(m.logPath, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines - 1).join('\n');
}
