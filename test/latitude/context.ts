import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_CACHE_KEY } from '../../src/executors/latitude/client.js';
import { LatitudeClient, type LatitudeClientOptions } from '../../src/clients/latitude/client.js';
import { createReadCache } from '../../src/executors/cache.js';
import { kinds } from '../../src/executors/latitude/index.js';
import type { ReadCache, StepContext, StepKind } from '../../src/executors/step-kind.js';
import type { Change } from '../../src/planner/change.js';
import { compile } from '../../src/planner/compile.js';
import type { Step } from '../../src/planner/step.js';
import { loadSpec } from '../../src/spec/load.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import type { SecretSet } from '../../src/spec/secrets.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';
import { startSimulator, type SimOptions, type Simulator } from '../../src/sim/index.js';

export const API_KEY = 'lat-test-key-4f9c2a';
/** Client tuning for a simulator running at a small time scale, passed to the client in code. */
export const FAST_CLIENT: Pick<LatitudeClientOptions, 'pollIntervalMs' | 'backoff' | 'rates'> = {
  pollIntervalMs: 25,
  // More attempts than the product's 8: fault tests answer up to 60 % of calls with a 429.
  backoff: { attempts: 12, baseMs: 10, maxMs: 1_000, factor: 1.5 },
  rates: { get: 100_000, write: 100_000 },
};

export interface SpecShape {
  name?: string;
  controlPlanes?: number;
  workers?: number;
  plan?: string;
  region?: string;
  project?: string;
  apiKey?: string;
  talosVersion?: string;
  currency?: string;
}

/** A real spec (loaded and validated by the product's loader) pointing at the simulator. */
export function clusterSpec(endpoint: string, shape: SpecShape = {}): { cluster: Cluster; secrets: SecretSet; steps: Step[] } {
  const yaml = `
apiVersion: cto.dev/v1alpha1
kind: Cluster
metadata:
  name: ${shape.name ?? 'demo'}
spec:
  provider:
    latitude:
      project: \${env:LATITUDE_PROJECT_ID}
      apiKey: \${env:LATITUDE_API_KEY}
      endpoint: ${endpoint}
${shape.currency ? `      currency: ${shape.currency}\n` : ''}  region:
${(shape.region ?? 'auto: true\nfallback: [MIA2, DAL, ASH]').split('\n').map((l) => `    ${l}`).join('\n')}
  nodes:
    controlPlane: { count: ${shape.controlPlanes ?? 1}, plan: ${shape.plan ?? 'c2-small-x86'} }
    workers: { count: ${shape.workers ?? 2}, plan: ${shape.plan ?? 'c2-small-x86'} }
  talos:
    version: ${shape.talosVersion ?? 'v1.13.9'}
  gitops:
    repoURL: https://github.com/example/platform.git
${(shape.workers ?? 2) > 0 ? '  storage:\n    mayastor:\n      disk: /dev/nvme1n1\n      replicas: 1\n' : ''}`;
  const loaded = loadSpec(yaml, 'cluster.yaml', { LATITUDE_PROJECT_ID: shape.project ?? 'cto-sim', LATITUDE_API_KEY: shape.apiKey ?? API_KEY });
  if (!loaded.spec) throw new Error(`test spec invalid: ${JSON.stringify(loaded.diagnostics)}`);
  const steps = compile(loaded.spec.cluster).steps.filter((s) => s.kind.startsWith('latitude.'));
  return { cluster: loaded.spec.cluster, secrets: loaded.spec.secrets, steps };
}

export interface Run {
  ctx(stepId?: string): StepContext;
  cache: ReadCache;
  outputs: Map<string, unknown>;
  progress: string[];
  /** Steps that gave back their concurrency slots (to wait without holding a write slot). */
  released: string[];
}

export interface Harness {
  sim: Simulator;
  cluster: Cluster;
  steps: Step[];
  secrets: SecretSet;
  state: StateFolder;
  journal: Journal;
  env: Record<string, string | undefined>;
  /** A fresh run: its own read cache and outputs, like one `cto plan` or `cto apply`. */
  run(): Run;
  /** Puts the tuned client (`FAST_CLIENT`) into a run's cache, where `latitudeClient` finds it. */
  seed(cache: ReadCache): void;
  close(): Promise<void>;
}

export async function harness(
  opts: { sim?: SimOptions; spec?: SpecShape; env?: Record<string, string>; client?: Partial<LatitudeClientOptions> } = {},
): Promise<Harness> {
  const sim = await startSimulator({ apiKey: API_KEY, timeScale: 0.001, rateLimits: false, ...opts.sim });
  const { cluster, secrets, steps } = clusterSpec(sim.url, opts.spec);
  const dir = await mkdtemp(join(tmpdir(), 'cto-latitude-'));
  const state = new StateFolder(join(dir, 'state'));
  const journal = new Journal(state);
  const env = { ...opts.env };
  const clients: Promise<LatitudeClient>[] = [];
  // What `latitudeClient` builds from the spec, with the tuning a 1000× faster world needs.
  const tunedClient = (): Promise<LatitudeClient> => {
    const l = cluster.spec.provider.latitude;
    const client = Promise.resolve(new LatitudeClient({ endpoint: l.endpoint, apiKey: l.apiKey, project: l.project, ...FAST_CLIENT, ...opts.client }));
    clients.push(client);
    return client;
  };
  const h: Harness = {
    sim,
    cluster,
    steps,
    secrets,
    state,
    journal,
    env,
    run() {
      const cache = createReadCache();
      const outputs = new Map<string, unknown>();
      const progress: string[] = [];
      const released: string[] = [];
      const trackingCache: ReadCache = {
        once: <T>(key: string, load: () => Promise<T>) => (key === CLIENT_CACHE_KEY ? (cache.once(key, tunedClient) as Promise<T>) : cache.once(key, load)),
        invalidate: (prefix) => cache.invalidate(prefix),
      };
      return {
        cache: trackingCache,
        outputs,
        progress,
        released,
        ctx: (stepId = 'test') => ({
          spec: cluster,
          secrets,
          state,
          journal,
          cache: trackingCache,
          signal: new AbortController().signal,
          env,
          progress: (m) => progress.push(`${stepId}: ${m}`),
          releaseLimits: () => released.push(stepId),
          outputOf: <T>(id: string) => outputs.get(id) as T | undefined,
        }),
      };
    },
    seed(cache) {
      void cache.once(CLIENT_CACHE_KEY, tunedClient);
    },
    async close() {
      await Promise.all([...new Set(clients)].map(async (c) => (await c.catch(() => undefined))?.close()));
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export function kindOf(step: Step): StepKind<any, any> {
  const kind = kinds.find((k) => k.kind === step.kind);
  if (!kind) throw new Error(`no kind ${step.kind}`);
  return kind;
}

/** Observe and diff every Latitude step, region first (servers read its output), as `cto plan` does. */
export async function plan(run: Run, steps: Step[]): Promise<Map<string, Change>> {
  const changes = new Map<string, Change>();
  const region = steps.find((s) => s.kind === 'latitude.region')!;
  const regionObs = await kindOf(region).observe(region, run.ctx(region.id));
  if (regionObs.state === 'present') run.outputs.set(region.id, regionObs.value);
  changes.set(region.id, kindOf(region).diff(region, regionObs, run.ctx(region.id)));
  await Promise.all(
    steps
      .filter((s) => s !== region)
      .map(async (s) => {
        const obs = await kindOf(s).observe(s, run.ctx(s.id));
        if (obs.state === 'present') run.outputs.set(s.id, obs.value);
        changes.set(s.id, kindOf(s).diff(s, obs, run.ctx(s.id)));
      }),
  );
  return changes;
}

/**
 * Plan, then apply every change with the walker's rule for failures: retry a step while
 * its kind calls the error retryable (up to `attempts`), fail it otherwise.
 */
export async function apply(run: Run, steps: Step[], attempts = 6): Promise<Map<string, Change>> {
  const changes = await plan(run, steps);
  const region = steps.find((s) => s.kind === 'latitude.region')!;
  // Settled, not Promise.all: the other steps' writes must end before a failure is reported and the
  // harness removes the state folder under them (ENOTEMPTY), as the walker too waits for running steps.
  const settled = await Promise.allSettled(
    steps
      .filter((s) => s !== region && changes.get(s.id)!.action !== 'noop')
      .map(async (s) => {
        const kind = kindOf(s);
        for (let attempt = 1; ; attempt++) {
          try {
            run.outputs.set(s.id, await kind.apply(s, changes.get(s.id)!, run.ctx(s.id)));
            return;
          } catch (err) {
            if (attempt >= attempts || !kind.retryable?.(err)) throw err;
          }
        }
      }),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return changes;
}
