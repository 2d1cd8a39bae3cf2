import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';
import { ctoBin, finishedSteps, jsonEvents, repoRoot, runCto } from '../support/cli.js';

/**
 * What an operator does around a plain `cto apply`, each on a 1 CP + 1 worker cluster of its own in one
 * world: answer (or fail to answer) the confirmation prompt, interrupt an apply with Ctrl-C or SIGTERM
 * and run it again, apply a saved plan, and keep the state in a management cluster for apply and destroy.
 */
describe('end to end: prompt, interrupts, saved plans, team state', () => {
  let world: World;
  const cto = (args: string[], env: Record<string, string> = {}) => runCto(args, { env: { ...world.env, ...env }, timeoutMs: 600_000 });
  const newSpec = async (name: string) => {
    const dir = join(world.dir, name);
    mkdirSync(dir, { recursive: true });
    return writeWorldSpec(world, repoRoot, { workers: 1, name, file: join(dir, 'cluster.yaml') });
  };
  const stateDir = (spec: string, name: string) => join(dirname(spec), '.cto', name);
  const servers = (name: string) => [...world.sim.state.servers.values()].filter((s) => s.hostname.startsWith(`${name}-`));
  /** What a run left for the next: no lock, and no intent open in the journal. */
  const leftConsistent = async (spec: string, name: string) => {
    const folder = new StateFolder(stateDir(spec, name));
    expect(await new Journal(folder).pending()).toEqual([]);
    expect(existsSync(join(folder.dir, 'lock.json'))).toBe(false);
  };
  const cleanPlan = async (spec: string, extra: string[] = [], env: Record<string, string> = {}) => {
    const r = await cto(['plan', '-f', spec, '--detailed-exitcode', ...extra], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  };

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-e2e-ops-')), timeScale: 0.005, repoRoot });
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('without a terminal apply refuses to ask and changes nothing; at a terminal "no" cancels, "yes" applies until Ctrl-C drains it; SIGTERM too; the re-run converges', async () => {
    const name = 'ops-ask';
    const spec = await newSpec(name);

    const blind = await cto(['apply', '-f', spec]);
    expect(blind.code).toBe(1);
    expect(blind.stderr).toContain('cannot ask for confirmation: standard input is not a terminal');
    expect(servers(name)).toEqual([]);

    const no = await atTerminal(world, ['apply', '-f', spec], (t) => t.answerPrompt('no'));
    expect(no.code).toBe(1);
    expect(no.output).toContain('Only "yes" will be accepted');
    expect(no.output).toContain('Apply cancelled.');
    expect(servers(name)).toEqual([]);

    // Yes, then Ctrl-C typed at the terminal while cto runs a talosctl: running steps finish and are recorded,
    // nothing new starts. The terminal sends it to its whole foreground process group; talosctl and helm run
    // outside it, so the one running then is not killed mid-call and its step finishes.
    const interrupted = await atTerminal(world, ['apply', '-f', spec, '--json'], async (t) => {
      await t.answerPrompt('yes');
      await t.whenToolRuns('talosctl');
      t.type('\x03');
    });
    expect(interrupted.output).toContain('Interrupt received: finishing running steps and saving.');
    expect(interrupted.output).toMatch(/Apply incomplete in \d+s: .* \d+ not started\./);
    expect(interrupted.code).toBe(1);
    expect(servers(name).length).toBeGreaterThan(0);
    expect(jsonEvents(interrupted.output.replaceAll('\r', '')).filter((e) => e.type === 'failed')).toEqual([]);
    await leftConsistent(spec, name);

    // SIGTERM (a CI runner stopping a job) reaches cto alone: every running step finishes and records.
    const terminated = await untilFinishedSteps(world, spec, 2, 'SIGTERM');
    expect(terminated.stderr).toContain('Interrupt received');
    expect(terminated.code).toBe(1);
    expect(jsonEvents(terminated.stderr).filter((e) => e.type === 'failed')).toEqual([]);
    await leftConsistent(spec, name);

    const rerun = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(rerun.code, rerun.stderr).toBe(0);
    await leftConsistent(spec, name);
    expect(servers(name).map((s) => s.hostname).sort()).toEqual([`${name}-cp-0`, `${name}-worker-0`]);
    await cleanPlan(spec);
  }, 1_200_000);

  it('applies a saved plan with the state in a management cluster, refuses a plan the world moved past, then destroys from another machine', async () => {
    const name = 'ops-team';
    const spec = await newSpec(name);
    const team = ['--state-backend', 'kubernetes', '--state-kubeconfig', world.controlPlane.kubeconfigPath, '--state-namespace', 'cto-e2e-state'];
    const key = { CTO_STATE_KEY: randomBytes(32).toString('base64') };
    const first = join(dirname(spec), 'first.plan.json');
    const second = join(dirname(spec), 'second.plan.json');
    for (const out of [first, second]) {
      const r = await cto(['plan', '-f', spec, '--out', out, ...team], key);
      expect(r.code, r.stderr).toBe(0);
    }

    // A saved plan needs no confirmation: it is what was reviewed.
    const applied = await cto(['apply', first, ...team], key);
    expect(applied.code, applied.stderr).toBe(0);
    expect(servers(name)).toHaveLength(2);

    const stale = await cto(['apply', second, ...team], key);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/saved plan is stale: server\/cp-0 changed in the world/);

    // Another machine: no local state, all of it pulled from the management cluster.
    rmSync(stateDir(spec, name), { recursive: true });
    await cleanPlan(spec, team, key);
    rmSync(stateDir(spec, name), { recursive: true });
    const destroyed = await cto(['destroy', '-f', spec, '--allow-destroy', '--auto-approve', ...team], key);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(servers(name)).toEqual([]);
    await leftConsistent(spec, name);
  }, 1_200_000);
});

/** Runs `cto apply --auto-approve --json` and sends `signal` once `steps` steps finished. */
function untilFinishedSteps(world: World, spec: string, steps: number, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ctoBin, 'apply', '-f', spec, '--auto-approve', '--json'], { cwd: repoRoot, env: world.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (!sent && finishedSteps(stderr) >= steps) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

interface Terminal {
  /** Waits for the confirmation prompt, then types the answer and Enter. */
  answerPrompt(answer: string): Promise<void>;
  /** Waits until cto has a child process named `tool` (talosctl, helm) running. */
  whenToolRuns(tool: string): Promise<void>;
  type(text: string): void;
}

/** Runs cto on a pseudo-terminal (util-linux `script`): what a user sees and types, Ctrl-C included. */
function atTerminal(world: World, args: string[], drive: (t: Terminal) => Promise<void>): Promise<{ code: number | null; output: string }> {
  // `exec`: Ctrl-C must reach cto alone, and its exit code be what `script --return` reports, not a shell's.
  const command = `exec ${[process.execPath, ctoBin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')}`;
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { cwd: repoRoot, env: world.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    output += d;
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = async (done: () => boolean) => {
    while (!done()) {
      const more = new Promise<void>((r) => waiters.push(r));
      if ((await Promise.race([more.then(() => false), exited.then(() => true)])) && !done()) throw new Error(`cto exited before the terminal showed what the test waits for:\n${output}`);
    }
  };
  const type = (text: string) => void child.stdin!.write(text);
  const terminal: Terminal = {
    answerPrompt: async (answer) => {
      await until(() => output.includes('Only "yes" will be accepted: '));
      type(`${answer}\r`);
    },
    whenToolRuns: async (tool) => {
      // script → cto (exec'd by script's shell) → the tool.
      while (!childrenOf(childrenOf(child.pid!)[0]?.pid).some((p) => p.comm === tool)) {
        if (child.exitCode !== null) throw new Error(`cto exited before it ran ${tool}:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    type,
  };
  return drive(terminal).then(async () => ({ code: await exited, output }));
}

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number | undefined): { pid: number; comm: string }[] {
  if (pid === undefined) return [];
  const found: { pid: number; comm: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after its last ')'.
      const close = stat.lastIndexOf(')');
      if (Number(stat.slice(close + 2).split(' ')[1]) === pid) found.push({ pid: Number(entry), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
