import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { KubeApi } from '../../src/clients/kube/api.js';
import type { Plan } from '../../src/planner/plan.js';
import type { WalkEvent } from '../../src/executors/walk/events.js';
import type { World } from '../../testenv/demo/world.js';
import { writeWorldSpec } from '../../testenv/demo/world.js';
import { eventsSoFar, repoRoot, runCto } from '../support/cli.js';
import { applyKilledWhen, prng } from './crash-resume.js';

/** One hop: the rollout is what is killed, not a route through minors. */
export const FROM = 'v1.13.8';
export const TO = 'v1.13.9';

export interface UpgradeTrialResult {
  seed: number;
  /** Applies of the rollout SIGKILLed mid-way; a trial without one proves nothing. */
  kills: number;
  /** The last rollout event each killed apply reported. */
  killedAt: string[];
  /** Talos on each of the cluster's nodes once an apply succeeded. */
  versions: string[];
  /** etcd snapshot files in the state folder: exactly one for the rollout. */
  snapshots: number;
  /** Nodes left unschedulable. */
  cordoned: string[];
  finalPlanCode: number;
  finalPlanChanges?: string[];
  /** The cluster's build on FROM (not killed). */
  buildMs: number;
  /** From the first killed apply to the converged one. */
  rolloutMs: number;
  failure?: string;
}

/** The rollout's own events: the snapshot and each node's upgrade, where the kills are meant to land. */
const inRollout = (e: WalkEvent) => e.id === 'etcd/snapshot' || e.id.startsWith('talos/upgrade/');

/**
 * One trial: a 1 CP + `workers` cluster of its own name built on `FROM` (not killed), then moved to `TO`
 * by applies SIGKILLed after a random number of the rollout's events (snapshot, quorum check, cordon,
 * drain, upgrade, reboot, Ready, uncordon), up to `maxKills` times, until an apply completes. A `lean` cluster
 * has no GitOps and no Mayastor.
 */
export async function upgradeCrashTrial(world: World, seed: number, workers: number, maxKills: number, lean: boolean): Promise<UpgradeTrialResult> {
  const random = prng(seed);
  const name = `upcrash-${seed}`;
  const dir = join(world.dir, name);
  mkdirSync(dir, { recursive: true });
  const spec = await writeWorldSpec(world, repoRoot, { workers, name, file: join(dir, 'cluster.yaml') });
  await editSpec(spec, (doc) => {
    doc.setIn(['spec', 'talos', 'version'], FROM);
    // Without GitOps (and so without Mayastor, which it deploys): what is killed is the rollout, and building the
    // cluster is most of a trial's time; the rollout's steps and gates are the same (the volume gate reads no API).
    if (lean) {
      doc.deleteIn(['spec', 'gitops']);
      doc.deleteIn(['spec', 'storage']);
    }
  });
  const t0 = Date.now();
  const built = await runCto(['apply', '-f', spec, '--auto-approve'], { env: world.env, timeoutMs: 900_000 });
  const result: UpgradeTrialResult = { seed, kills: 0, killedAt: [], versions: [], snapshots: 0, cordoned: [], finalPlanCode: -1, buildMs: Date.now() - t0, rolloutMs: 0 };
  if (built.code !== 0) return { ...result, failure: `build on ${FROM} failed: ${built.stderr.slice(-1500)}` };

  await editSpec(spec, (doc) => doc.setIn(['spec', 'talos', 'version'], TO));
  // A clean rollout reports about 4 events for the snapshot and 10 or more per node (started, quorum, drain, cordoned,
  // upgrade, rebooting, booting, Ready, uncordoned, finished): kills spread over the first ~80 % of them.
  const span = 8 * (workers + 1);
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const kill = result.kills < maxKills ? 1 + Math.floor(random() * span) : undefined;
    const r = await applyKilledWhen(world, spec, kill === undefined ? undefined : (out) => eventsSoFar(out).filter(inRollout).length >= kill);
    if (r.killed) {
      result.kills++;
      const last = eventsSoFar(r.stderr).filter(inRollout).at(-1);
      result.killedAt.push(last ? `${last.id} ${last.type}${'message' in last ? `: ${last.message}` : ''}` : '(before the rollout)');
      continue;
    }
    if (r.code === 0) break;
    if (attempt > maxKills + 3) return { ...result, failure: `apply did not converge: ${r.stderr.slice(-2000)}` };
  }
  result.rolloutMs = Date.now() - started;

  const nodes = (await world.talos.nodes()).filter((n) => n.hostname.startsWith(`${name}-`));
  result.versions = nodes.map((n) => n.os.version);
  const etcdDir = join(dirname(spec), '.cto', name, 'etcd');
  result.snapshots = existsSync(etcdDir) ? readdirSync(etcdDir).filter((f) => f.endsWith('.db')).length : 0;
  const kube = await KubeApi.connect(world.controlPlane.kubeconfigPath);
  for (const n of nodes) {
    const node = await kube.get({ apiVersion: 'v1', kind: 'Node', metadata: { name: n.nodeName } });
    if ((node?.spec as { unschedulable?: boolean } | undefined)?.unschedulable) result.cordoned.push(n.nodeName);
  }
  const plan = await runCto(['plan', '-f', spec, '--detailed-exitcode', '--json'], { env: world.env, timeoutMs: 300_000 });
  result.finalPlanCode = plan.code;
  if (plan.code === 2) result.finalPlanChanges = (JSON.parse(plan.stdout) as Plan).steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}: ${s.reason}`);
  return result;
}

/** The invariants a trial breaks, by name: empty when it held. */
export function brokenUpgradeInvariants(r: UpgradeTrialResult, nodes: number): string[] {
  return [
    r.failure && `failed: ${r.failure.slice(0, 300)}`,
    (r.versions.length !== nodes || r.versions.some((v) => v !== TO)) && `nodes on ${JSON.stringify(r.versions)}, not ${nodes} × ${TO}`,
    r.snapshots !== 1 && `${r.snapshots} etcd snapshots, not 1`,
    r.cordoned.length > 0 && `left cordoned: ${r.cordoned.join(', ')}`,
    r.finalPlanCode !== 0 && `final plan exit ${r.finalPlanCode}: ${JSON.stringify(r.finalPlanChanges ?? [])}`,
  ].filter((x): x is string => typeof x === 'string');
}

async function editSpec(spec: string, edit: (doc: Document) => void): Promise<void> {
  const doc = parseDocument(await readFile(spec, 'utf8'));
  edit(doc);
  await writeFile(spec, String(doc));
}
