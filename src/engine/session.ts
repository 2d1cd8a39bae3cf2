import { RunContext } from '../executors/context.js';
import { loadKinds, type KindRegistry } from '../executors/registry.js';
import { parseAddress } from '../planner/address.js';
import { compile, type CompiledGraph } from '../planner/compile.js';
import { retiredNodes } from '../planner/nodes.js';
import { selectSteps } from '../planner/select.js';
import type { Step } from '../planner/step.js';
import type { LoadedSpec } from '../spec/load.js';
import { StateFolder } from '../state/folder.js';
import { Journal } from '../state/journal.js';
import { readObservations, type Recorded } from '../state/observations.js';

export interface OpenOptions {
  /** The spec file the default state folder sits beside; undefined for a spec from stdin. */
  specFile?: string;
  stateDir?: string;
}

export interface SessionOptions {
  target?: string | string[];
  exclude?: string | string[];
  /** false: plan from the last apply's recorded observations, reading nothing from the world. */
  refresh?: boolean;
}

/** The spec and its state folder: enough to take the lock and pull the team's state. */
export interface OpenedSpec {
  spec: LoadedSpec;
  state: StateFolder;
  run: RunContext;
  kinds: KindRegistry;
}

/** Everything plan, apply and destroy share: the spec, its graph, the state folder and the step kinds. */
export interface Session extends OpenedSpec {
  compiled: CompiledGraph;
  steps: Step[];
  /** Set when planning without refresh. */
  recorded?: Recorded;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export async function openSpec(spec: LoadedSpec, opts: OpenOptions, env: Record<string, string | undefined> = process.env): Promise<OpenedSpec> {
  const stateDir = opts.stateDir ?? StateFolder.forSpec(opts.specFile ?? 'cluster.yaml', spec.cluster.metadata.name);
  const state = new StateFolder(stateDir);
  const run = new RunContext({ spec: spec.cluster, secrets: spec.secrets, state, journal: new Journal(state), env });
  return { spec, state, run, kinds: await loadKinds() };
}

/**
 * Compiles the spec's graph, including teardown steps for nodes that still have a server but left
 * the spec (one list call to Latitude finds them; without refresh, the last apply's record does).
 * Called after the state is pulled, so a team's record is the one read.
 */
export async function compileSession(opened: OpenedSpec, opts: SessionOptions): Promise<Session> {
  const recorded = opts.refresh === false ? await readObservations(opened.state) : undefined;
  const hostnames = recorded ? recordedHostnames(recorded) : await liveHostnames(opened.run);
  const compiled = compile(opened.spec.cluster, { retired: retiredNodes(opened.spec.cluster, hostnames) });
  const steps = selectSteps(compiled, list(opts.target), list(opts.exclude));
  return { ...opened, compiled, steps, ...(recorded ? { recorded } : {}) };
}

async function liveHostnames(run: RunContext): Promise<string[]> {
  const { clusterServers } = await import('../executors/latitude/reads.js');
  const live = await clusterServers(run.forStep({ signal: new AbortController().signal, progress: () => undefined }));
  return live.map((s) => s.hostname);
}

function recordedHostnames(recorded: Recorded): string[] {
  return [...recorded]
    .filter(([id, o]) => parseAddress(id)?.type === 'server' && o.state === 'present')
    .map(([, o]) => (o as { value: { hostname?: unknown } }).value.hostname)
    .filter((h): h is string => typeof h === 'string');
}
