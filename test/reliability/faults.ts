import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../testenv/demo/world.js';
import { writeWorldSpec } from '../../testenv/demo/world.js';
import type { SimFaults } from '../../src/sim/index.js';
import { jsonEvents, repoRoot, runCto } from '../support/cli.js';
import { checkInvariants, type Invariants } from './crash-resume.js';

/** Something done to the world while an apply runs; resolves with what was done, or undefined if the moment never came. */
type Disruption = (world: World, cluster: string, applying: () => boolean) => Promise<string | undefined>;

export interface FaultScenario {
  name: string;
  /** What fails: `npm test` runs the first scenario of each kind, `npm run test:slow` all of them. */
  kind: 'Latitude API' | 'Talos node' | 'Kubernetes API';
  /** Injected by the Latitude simulator for the whole scenario (every apply attempt). */
  faults?: SimFaults;
  /** Done once, during the first apply. */
  disrupt?: Disruption;
}

export interface FaultResult extends Invariants {
  scenario: string;
  attempts: number;
  wallMs: number;
  /** Faults the simulator injected (5xx, 429, delays, drops). */
  injected: number;
  /** Simulator answers that were errors to get past (5xx, 429 including real rate limiting, dropped connections). */
  faultedAnswers: number;
  /** Step retries the walker reported (`retrying` events). */
  stepRetries: number;
  /** Why each apply that did not succeed stopped (its last error line). */
  failedAttempts: string[];
  /** What the disruption did, when the scenario has one. */
  disrupted?: string;
  lockLeft: boolean;
  failure?: string;
}

const POLL_MS = 250;

/** Polls the simulated Talos nodes of `cluster` until `ready` picks one, while the apply still runs. */
async function whenNode(world: World, cluster: string, applying: () => boolean, ready: (n: Awaited<ReturnType<World['talos']['nodes']>>[number]) => boolean) {
  while (applying()) {
    const node = (await world.talos.nodes()).find((n) => n.hostname.startsWith(`${cluster}-`) && ready(n));
    if (node) return node;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return undefined;
}

/** The control plane, right after it took its config: down for `seconds` while the apply wants to bootstrap it. */
const rebootControlPlane = (seconds: number): Disruption => async (world, cluster, applying) => {
  const node = await whenNode(world, cluster, applying, (n) => n.role === 'controlplane' && n.mode === 'configured' && n.reachable);
  if (!node) return undefined;
  await world.talos.reboot(node.address, { seconds });
  return `rebooted ${node.hostname} for ${seconds} s`;
};

/** kube-apiserver of the local control plane, once the cluster is bootstrapped and the apply moves on to Kubernetes. */
const restartApiServer = (downMs: number): Disruption => async (world, cluster, applying) => {
  const node = await whenNode(world, cluster, applying, (n) => n.bootstrapped);
  if (!node) return undefined;
  await new Promise((r) => setTimeout(r, 2_000));
  if (!applying()) return undefined;
  const t = Date.now();
  await world.controlPlane.restartApiServer({ downMs });
  return `kube-apiserver down ${((Date.now() - t) / 1000).toFixed(1)} s`;
};

export const SCENARIOS: FaultScenario[] = [
  { name: '5xx', kind: 'Latitude API', faults: { errorRate: 0.3 } },
  { name: '429 with Retry-After', kind: 'Latitude API', faults: { rateLimitRate: 0.3 } },
  { name: 'latency spikes', kind: 'Latitude API', faults: { latencyMs: { min: 1_000, max: 4_000, rate: 0.3 } } },
  // Every create commits and then loses its answer: the client must find the server instead of creating another.
  { name: 'dropped after commit', kind: 'Latitude API', faults: { dropAfterCommitRate: 1 } },
  { name: 'node reboot', kind: 'Talos node', disrupt: rebootControlPlane(15) },
  { name: 'kube-apiserver restart', kind: 'Kubernetes API', disrupt: restartApiServer(5_000) },
];

/** The first scenario of each kind. */
export const SAMPLE = SCENARIOS.filter((s, i) => SCENARIOS.findIndex((t) => t.kind === s.kind) === i);

/** Why an apply failed: its steps' `failed` events, else the last line of its stderr that is not an event. */
function lastError(stderr: string): string {
  const failed = jsonEvents(stderr).filter((e) => e.type === 'failed');
  if (failed.length) return failed.map((f) => `${f.id}: ${f.error}`).join('; ');
  return stderr.split('\n').filter((l) => l.trim() && !l.startsWith('{')).at(-1) ?? '(no message)';
}

const injected = (world: World) => [...world.sim.state.injected.values()].reduce((a, b) => a + b, 0);

function faultedAnswers(world: World): number {
  let n = 0;
  for (const [status, count] of world.sim.state.answers) if (status === 0 || status === 429 || status >= 500) n += count;
  return n;
}

/**
 * One scenario: a 1 CP + `workers` worker cluster of its own name, applied under the scenario's faults until
 * an apply succeeds (at most `maxAttempts`), then the crash campaign's invariants and the lock.
 */
export async function faultTrial(world: World, scenario: FaultScenario, index: number, workers: number, maxAttempts = 4): Promise<FaultResult> {
  const name = `fault-${index}`;
  const dir = join(world.dir, name);
  mkdirSync(dir, { recursive: true });
  const spec = await writeWorldSpec(world, repoRoot, { workers, name, file: join(dir, 'cluster.yaml') });
  const secretsPath = join(dir, '.cto', name, 'talos', 'secrets.yaml');
  const answersBefore = faultedAnswers(world);
  const injectedBefore = injected(world);
  world.sim.state.faults = { ...scenario.faults };
  const t0 = Date.now();
  let firstSecrets: string | undefined;
  let disrupted: Promise<string | undefined> | undefined;
  let stepRetries = 0;
  const failedAttempts: string[] = [];
  const outputs: string[] = [];
  let attempts = 0;
  let failure: string | undefined;
  try {
    for (;;) {
      attempts++;
      let applying = true;
      const run = runCto(['apply', '-f', spec, '--auto-approve', '--json'], { env: world.env, timeoutMs: 900_000 }).finally(() => (applying = false));
      if (scenario.disrupt && !disrupted) {
        disrupted = scenario.disrupt(world, name, () => applying);
        // Its error is reported when awaited below, not as an unhandled rejection meanwhile.
        disrupted.catch(() => undefined);
      }
      const r = await run;
      outputs.push(r.stdout, r.stderr);
      stepRetries += jsonEvents(r.stderr).filter((e) => e.type === 'retrying').length;
      if (existsSync(secretsPath)) firstSecrets ??= readFileSync(secretsPath, 'utf8');
      if (r.code === 0) break;
      failedAttempts.push(lastError(r.stderr));
      if (attempts >= maxAttempts) {
        failure = `apply did not converge in ${attempts} attempts: ${failedAttempts.join(' / ')}`;
        break;
      }
    }
  } finally {
    world.sim.state.faults = {};
  }
  const wallMs = Date.now() - t0;
  const what = await disrupted;
  return {
    scenario: scenario.name,
    attempts,
    wallMs,
    injected: injected(world) - injectedBefore,
    faultedAnswers: faultedAnswers(world) - answersBefore,
    stepRetries,
    failedAttempts,
    ...(what !== undefined ? { disrupted: what } : {}),
    ...(await checkInvariants(world, name, spec, workers, firstSecrets, outputs)),
    lockLeft: existsSync(join(dir, '.cto', name, 'lock.json')),
    ...(failure ? { failure } : {}),
  };
}
