import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { World } from '../../testenv/demo/world.js';
import { writeWorldSpec } from '../../testenv/demo/world.js';
import type { Plan } from '../../src/planner/plan.js';
import { ctoBin, finishedSteps, repoRoot, runCto } from '../support/cli.js';
import { scanForSecrets } from '../support/secret-scan.js';

export interface TrialResult {
  seed: number;
  /** Servers the cluster has when it converged: its control plane and workers. */
  expectedServers: number;
  /** Applies SIGKILLed mid-way: a trial without one proves nothing. */
  kills: number;
  servers: number;
  duplicateServers: number;
  /** Servers on the VLAN or behind the firewall other than exactly once. */
  duplicateAssignments: number;
  secretsChanged: boolean;
  /** Nodes whose etcd was bootstrapped: exactly one, or the cluster is split. */
  bootstrappedNodes: number;
  finalPlanCode: number;
  /** What the final plan still wanted to change, and why, when it was not clean. */
  finalPlanChanges?: string[];
  /** Secrets found in what cto printed or in the state folder outside its secrets files, and state files others can read. */
  secretLeaks: string[];
  /** Secrets files the leak scan found no key material in, so could not have caught their leaks. */
  unscanned: string[];
  recoveryMs: number;
  failure?: string;
}

/** Deterministic pseudo-random numbers per seed, so a failing trial can be replayed. */
export function prng(seed: number) {
  let x = seed * 2654435761 >>> 0 || 1;
  return () => ((x = (x ^ (x << 13)) >>> 0, x = (x ^ (x >>> 17)) >>> 0, x = (x ^ (x << 5)) >>> 0) / 2 ** 32);
}

/**
 * Runs `cto apply --json` in its own process group and SIGKILLs the whole group as soon as `killWhen` holds
 * for what it printed so far (e.g. a number of finished steps): read from the apply's own events, so the kill
 * lands while steps remain, however fast or slow the machine is (steps run in parallel, so others are mid-way then).
 */
export function applyKilledWhen(world: World, spec: string, killWhen: ((stderr: string) => boolean) | undefined): Promise<{ code: number | null; killed: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ctoBin, 'apply', '-f', spec, '--auto-approve', '--json'], { cwd: repoRoot, env: world.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (killed || killWhen === undefined || !killWhen(stderr)) return;
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    child.on('exit', (code) => resolve({ code, killed, stdout, stderr }));
  });
}

/**
 * One trial: a 1 CP + `workers` worker cluster of its own name, applied and SIGKILLed after a random number of
 * finished steps (fewer than the `totalSteps` of a clean apply, so the first apply is always killed), up
 * to `maxKills` times, until an apply completes; then the invariants.
 */
export async function crashResumeTrial(world: World, seed: number, totalSteps: number, workers: number, maxKills = 3): Promise<TrialResult> {
  const random = prng(seed);
  const name = `crash-${seed}`;
  const dir = join(world.dir, name);
  mkdirSync(dir, { recursive: true });
  const spec = await writeWorldSpec(world, repoRoot, { workers, name, file: join(dir, 'cluster.yaml'), privateNetwork: TRIAL_NETWORK });
  const secretsPath = join(dir, '.cto', name, 'talos', 'secrets.yaml');
  let firstSecrets: string | undefined;
  let kills = 0;
  let lastKillAt = 0;
  let failure: string | undefined;
  const outputs: string[] = [];
  for (let attempt = 0; ; attempt++) {
    // A re-run finishes fewer steps (the ones done before are no-ops): a later kill may come too late, and the apply completes.
    const kill = kills < maxKills ? 1 + Math.floor(random() * (totalSteps - 1)) : undefined;
    const r = await applyKilledWhen(world, spec, kill === undefined ? undefined : (out) => finishedSteps(out) >= kill);
    outputs.push(r.stdout, r.stderr);
    try {
      firstSecrets ??= readFileSync(secretsPath, 'utf8');
    } catch {
      // not generated yet
    }
    if (r.killed) {
      kills++;
      lastKillAt = Date.now();
      continue;
    }
    if (r.code === 0) break;
    if (attempt > maxKills + 3) {
      failure = `apply did not converge: ${r.stderr.slice(-2000)}`;
      break;
    }
  }
  const recoveryMs = lastKillAt ? Date.now() - lastKillAt : 0;
  return { seed, kills, ...(await checkInvariants(world, name, spec, workers, firstSecrets, outputs)), recoveryMs, ...(failure ? { failure } : {}) };
}

/** The trials' clusters have a private network and a firewall, so kills land in their steps too. */
export const TRIAL_NETWORK = { subnet: '10.8.0.0/24' };

export type Invariants = Pick<TrialResult, 'expectedServers' | 'servers' | 'duplicateServers' | 'duplicateAssignments' | 'secretsChanged' | 'bootstrappedNodes' | 'finalPlanCode' | 'finalPlanChanges' | 'secretLeaks' | 'unscanned'>;

/**
 * What must hold once an apply of cluster `name` (1 CP + `workers` workers) finally succeeded, whatever happened
 * on the way; `outputs` is everything the applies printed (killed ones too), grepped for secrets with the final plan's.
 */
export async function checkInvariants(world: World, name: string, spec: string, workers: number, firstSecrets: string | undefined, outputs: string[]): Promise<Invariants> {
  const stateDir = join(dirname(spec), '.cto', name);
  const secretsPath = join(stateDir, 'talos', 'secrets.yaml');
  const hostnames = [...world.sim.state.servers.values()].map((s) => s.hostname).filter((h) => h.startsWith(`${name}-`));
  const nodes = (await world.talos.nodes()).filter((n) => n.hostname.startsWith(`${name}-`));
  const plan = await runCto(['plan', '-f', spec, '--detailed-exitcode', '--json'], { env: world.env, timeoutMs: 300_000 });
  const scan = scanForSecrets(stateDir, [world.env.LATITUDE_API_KEY!, world.env.GITOPS_TOKEN!], [...outputs, plan.stdout, plan.stderr]);
  const changes = plan.code === 2 ? (JSON.parse(plan.stdout) as Plan).steps.filter((st) => st.action !== 'noop').map((st) => `${st.action} ${st.id}: ${st.reason}`) : [];
  return {
    expectedServers: workers + 1,
    servers: hostnames.length,
    duplicateServers: hostnames.length - new Set(hostnames).size,
    duplicateAssignments: duplicateAssignments(world, name),
    secretsChanged: firstSecrets !== undefined && readFileSync(secretsPath, 'utf8') !== firstSecrets,
    bootstrappedNodes: nodes.filter((n) => n.bootstrapped).length,
    finalPlanCode: plan.code,
    ...(changes.length ? { finalPlanChanges: changes } : {}),
    secretLeaks: [...scan.leaks, ...scan.exposed.map((f) => `${f} readable by others`)],
    unscanned: scan.unscanned,
  };
}

/** The invariants a result breaks, by name: empty when the trial held. */
export function brokenInvariants(r: Invariants & { failure?: string; lockLeft?: boolean }): string[] {
  return [
    r.failure && `failed: ${r.failure.slice(0, 300)}`,
    r.servers !== r.expectedServers && `${r.servers} servers, not ${r.expectedServers}`,
    r.duplicateServers > 0 && `${r.duplicateServers} duplicate servers`,
    r.duplicateAssignments > 0 && `${r.duplicateAssignments} servers not on the VLAN and behind the firewall exactly once`,
    r.secretsChanged && 'secrets changed',
    r.bootstrappedNodes !== 1 && `${r.bootstrappedNodes} bootstrapped nodes`,
    r.finalPlanCode !== 0 && `final plan exit ${r.finalPlanCode}: ${JSON.stringify(r.finalPlanChanges ?? [])}`,
    r.secretLeaks.length > 0 && `secret leaks: ${r.secretLeaks.join('; ')}`,
    r.unscanned.length > 0 && `no key material to scan for in ${r.unscanned.join(', ')}`,
    r.lockLeft && 'lock left',
  ].filter((x): x is string => typeof x === 'string');
}

/**
 * The cluster's servers that are not on its VLAN, or not behind its firewall, exactly once (the simulator
 * keeps twins). A cluster without them (the fault scenarios' specs) has none to count; that a spec's VLAN
 * exists at all is the final plan's to say.
 */
function duplicateAssignments(world: World, name: string): number {
  const net = world.sim.state.networks;
  const servers = [...world.sim.state.servers.values()].filter((s) => s.hostname.startsWith(`${name}-`));
  const vlanIds = new Set([...world.sim.state.vlans.values()].filter((v) => v.description.startsWith(`cto-cluster-${name} `)).map((v) => v.id));
  const firewallIds = new Set([...net.firewalls.values()].filter((f) => f.name === `cto-cluster-${name}`).map((f) => f.id));
  return servers.filter(
    (s) =>
      (vlanIds.size > 0 && [...net.vlanAssignments.values()].filter((a) => a.serverId === s.id && vlanIds.has(a.vlanId)).length !== 1) ||
      (firewallIds.size > 0 && [...net.firewallAssignments.values()].filter((a) => a.serverId === s.id && firewallIds.has(a.firewallId)).length !== 1),
  ).length;
}
