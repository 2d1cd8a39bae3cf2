import { RunContext } from '../executors/context.js';
import { loadKinds, type KindRegistry } from '../executors/registry.js';
import { compile, type CompiledGraph } from '../planner/compile.js';
import { retiredNodes } from '../planner/nodes.js';
import { selectSteps } from '../planner/select.js';
import type { Step } from '../planner/step.js';
import type { LoadedSpec } from '../spec/load.js';
import { StateFolder } from '../state/folder.js';
import { Journal } from '../state/journal.js';
import { readSpec, STDIN } from './read-spec.js';

export interface SessionOptions {
  file?: string;
  stateDir?: string;
  target?: string | string[];
  exclude?: string | string[];
}

/** Everything plan, apply and destroy share: the spec, its graph, the state folder and the step kinds. */
export interface Session {
  spec: LoadedSpec;
  compiled: CompiledGraph;
  steps: Step[];
  state: StateFolder;
  run: RunContext;
  kinds: KindRegistry;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Loads the spec and compiles its graph, including teardown steps for nodes that still have a
 * server but left the spec (one list call to Latitude finds them).
 */
export async function openSession(opts: SessionOptions, env: Record<string, string | undefined> = process.env): Promise<Session> {
  const spec = await readSpec(opts.file, env);
  const stateDir = opts.stateDir ?? StateFolder.forSpec(opts.file === '-' || opts.file === STDIN ? 'cluster.yaml' : opts.file!, spec.cluster.metadata.name);
  const state = new StateFolder(stateDir);
  const run = new RunContext({ spec: spec.cluster, secrets: spec.secrets, state, journal: new Journal(state), env });
  const kinds = await loadKinds();
  const { clusterServers } = await import('../executors/latitude/reads.js');
  const live = await clusterServers(run.forStep({ signal: new AbortController().signal, progress: () => undefined }));
  const compiled = compile(spec.cluster, { retired: retiredNodes(spec.cluster, live.map((s) => s.hostname)) });
  const steps = selectSteps(compiled, list(opts.target), list(opts.exclude));
  return { spec, compiled, steps, state, run, kinds };
}
