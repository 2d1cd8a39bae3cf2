// A minimal StepContext for the platform tests: the real read cache, state
// folder and journal in a temp dir, and `kubernetes/api` answering with the
// test control plane's kubeconfig.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { createReadCache } from '../../src/executors/cache.js';
import type { StepContext, StepKind } from '../../src/executors/step-kind.js';
import type { Change } from '../../src/planner/change.js';
import type { Step } from '../../src/planner/step.js';
import { loadSpec } from '../../src/spec/load.js';
import { SecretSet } from '../../src/spec/secrets.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/platform');

/** A spec through the real loader (schema defaults, profile), with `spec` fields merged over a small base. */
export function testCluster(name: string, spec: Record<string, unknown> = {}, env: Record<string, string> = {}): { cluster: Cluster; secrets: SecretSet } {
  const doc = {
    apiVersion: 'cto.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: {
      provider: { latitude: { project: 'proj-test', apiKey: '${env:LATITUDE_API_KEY}' } },
      region: { site: 'MIA2' },
      nodes: { controlPlane: { count: 1, plan: 'c2-small-x86' }, workers: { count: 1, plan: 'c2-small-x86' } },
      ...spec,
    },
  };
  const result = loadSpec(stringify(doc), `${name}.yaml`, { LATITUDE_API_KEY: 'test-latitude-key-0123456789', ...env });
  if (!result.spec) throw new Error(`test spec does not load: ${JSON.stringify(result.diagnostics)}`);
  return { cluster: result.spec.cluster, secrets: result.spec.secrets };
}

export interface TestContext extends StepContext {
  progressLines: string[];
}

export function testContext(cluster: Cluster, kubeconfigPath: string | undefined, opts: { secrets?: SecretSet; signal?: AbortSignal; env?: Record<string, string | undefined> } = {}): TestContext {
  const dir = mkdtempSync(path.join(tmpdir(), 'cto-platform-'));
  const state = new StateFolder(path.join(dir, 'state'));
  const progressLines: string[] = [];
  return {
    spec: cluster,
    secrets: opts.secrets ?? new SecretSet(),
    state,
    journal: new Journal(state),
    cache: createReadCache(),
    signal: opts.signal ?? AbortSignal.timeout(110_000),
    env: opts.env ?? process.env,
    progress: (m) => progressLines.push(m),
    releaseLimits: () => undefined,
    outputOf: <T>(id: string) => (id === 'kubernetes/api' && kubeconfigPath ? ({ kubeconfigPath } as T) : undefined),
    progressLines,
  };
}

export function step<D>(id: string, kind: string, desired: D): Step<D> {
  return { id, kind, phase: 'platform', dependsOn: [], desired };
}

/** What the executor does for one step: observe, diff, and apply unless the change is a no-op. */
export async function converge<D, O>(kind: StepKind<D, O>, s: Step<D>, ctx: StepContext): Promise<{ planned: Change; after: Change }> {
  const planned = kind.diff(s, await kind.observe(s, ctx), ctx);
  if (planned.action !== 'noop') await kind.apply(s, planned, ctx);
  const after = kind.diff(s, await kind.observe(s, ctx), ctx);
  return { planned, after };
}

export async function plan<D, O>(kind: StepKind<D, O>, s: Step<D>, ctx: StepContext): Promise<Change> {
  return kind.diff(s, await kind.observe(s, ctx), ctx);
}
