import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { startControlPlane, testenvBin, type ControlPlane } from '../../testenv/controlplane.js';
import { startSimulator, type Simulator } from '../sim/index.js';
import { startTalosNodes, type TalosNodes } from '../sim/talos-nodes.js';
import { startStandIns, type StandIns } from './stand-ins.js';

/**
 * Everything `cto apply` talks to, on this machine: the Latitude simulator, simulated Talos nodes
 * that the real talosctl drives (at the servers' loopback addresses), and a real local Kubernetes
 * control plane whose Nodes are those servers. Used by `npm run demo` and the end-to-end test.
 */
export interface World {
  dir: string;
  controlPlane: ControlPlane;
  sim: Simulator;
  talos: TalosNodes;
  standIns: StandIns;
  /** The environment `cto` runs with: credentials for the simulator, the tools to use, a private HOME. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  dir: string;
  /** Simulated time per real time: 0.01 makes a 10-minute server deployment take 6 s. */
  timeScale: number;
  repoRoot: string;
  log?: (line: string) => void;
}

export const SIM_API_KEY = 'sim-demo-api-key-0123456789';

export async function startWorld(opts: WorldOptions): Promise<World> {
  await mkdir(join(opts.dir, 'home'), { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const controlPlane = await startControlPlane({ dir: join(opts.dir, 'controlplane'), ...(opts.log ? { log: opts.log } : {}) });
    stops.push(() => controlPlane.stop());
    const talos = await startTalosNodes({ kubeconfigPath: controlPlane.kubeconfigPath, timeScale: opts.timeScale });
    stops.push(() => talos.stop());
    const sim = await startSimulator({
      port: 0,
      // Its own block of loopback addresses, so worlds in parallel test files never share a node address.
      addressBlock: 1 + Math.floor(Math.random() * 250),
      // Many clusters come and go in one world (the crash campaign): never run out of servers.
      stock: Object.fromEntries(['c2-small-x86', 'c3-medium-x86'].map((plan) => [plan, { MIA2: 1000, DAL: 1000, ASH: 1000, LAX: 1000 }])),
      apiKey: SIM_API_KEY,
      timeScale: opts.timeScale,
      onServerDeployed: (s) => talos.boot({ address: s.ipv4, hostname: s.hostname, disks: s.disks }),
      onServerDeleted: (s) => talos.remove(s.ipv4),
    });
    stops.push(() => sim.close());
    const standIns = await startStandIns({
      kubeconfigPath: controlPlane.kubeconfigPath,
      diskPoolCrdPath: join(opts.repoRoot, 'test/fixtures/platform/diskpool-crd.yaml'),
      ...(opts.log ? { log: opts.log } : {}),
    });
    stops.push(() => standIns.stop());
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: join(opts.dir, 'home'),
      LATITUDE_API_KEY: SIM_API_KEY,
      LATITUDE_PROJECT_ID: 'cto-sim',
      CTO_TALOSCTL: testenvBin('talosctl'),
      CTO_HELM: testenvBin('helm'),
      // Credentials of a private GitOps repository: the platform stage stores them for Argo CD as a Secret.
      GITOPS_USERNAME: 'demo-git-user',
      GITOPS_TOKEN: 'demo-git-token-5ecr3t-0123456789',
    };
    return { dir: opts.dir, controlPlane, sim, talos, standIns, env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * `examples/two-node.yaml` pointed at the world: the simulator's endpoint, the local chart and
 * manifests (nothing can be downloaded here), and `workers` workers.
 */
export async function writeWorldSpec(world: World, repoRoot: string, opts: { workers: number; file?: string; name?: string }): Promise<string> {
  const doc = parseDocument(await readFile(join(repoRoot, 'examples/two-node.yaml'), 'utf8'));
  const fixtures = join(repoRoot, 'test/fixtures/platform');
  // The real Argo CD release manifest starts with its CRDs; the stand-in manifest gets the real ones
  // (from the shared fixtures, read in place) in front, so Applications are validated for real.
  const crds = join(repoRoot, '../shared/fixtures/crds');
  const argocd = join(world.dir, 'argocd-install.yaml');
  const parts = await Promise.all([...(await readdir(crds)).sort().map((f) => readFile(join(crds, f), 'utf8')), readFile(join(fixtures, 'argocd-install.yaml'), 'utf8')]);
  await writeFile(argocd, parts.map((p) => p.trim()).join('\n---\n'));
  if (opts.name) doc.setIn(['metadata', 'name'], opts.name);
  doc.setIn(['spec', 'provider', 'latitude', 'endpoint'], world.sim.url);
  doc.setIn(['spec', 'nodes', 'workers', 'count'], opts.workers);
  doc.setIn(['spec', 'platform'], doc.createNode({
    cilium: { chart: join(fixtures, 'cilium') },
    localPathProvisioner: { manifest: join(fixtures, 'local-path-storage.yaml') },
    argocd: { manifest: argocd },
  }));
  doc.setIn(['spec', 'gitops', 'credentials'], doc.createNode({ username: '${env:GITOPS_USERNAME}', password: '${env:GITOPS_TOKEN}' }));
  doc.setIn(['spec', 'kubeconfig', 'path'], join(world.env.HOME!, '.kube', 'config'));
  const file = opts.file ?? join(world.dir, 'cluster.yaml');
  await writeFile(file, String(doc));
  return file;
}
