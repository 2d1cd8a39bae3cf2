import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { startControlPlane, testenvBin, type ControlPlane } from '../controlplane.js';
import { applyDiskPoolPolicy } from '../diskpool-policy.js';
import { splitNodes } from '../../src/cli/init-spec.js';
import { kindOfPath } from '../../src/gitops-tree/tree-files.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { startTalosNodes, type TalosNodes } from '../talos-nodes.js';
import { upstreamFile } from '../upstream.js';
import { claimAddressBlock } from './address-block.js';
import { git } from './git-source.js';
import { startStandIns, type StandIns } from './stand-ins.js';

const run = promisify(execFile);

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
    const addresses = await claimAddressBlock();
    stops.push(() => addresses.release());
    const talos = await startTalosNodes({ kubeconfigPath: controlPlane.kubeconfigPath, timeScale: opts.timeScale });
    stops.push(() => talos.stop());
    const sim = await startSimulator({
      port: 0,
      addressBlock: addresses.block,
      // Many clusters come and go in one world (the crash campaign): never run out of servers.
      stock: Object.fromEntries(['c2-small-x86', 'c3-small-x86', 'c3-medium-x86'].map((plan) => [plan, { MIA2: 1000, DAL: 1000, ASH: 1000, LAX: 1000 }])),
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
    await applyDiskPoolPolicy(controlPlane.kubeconfigPath, opts.repoRoot);
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

/** The GitOps repository of the spec at `file`: a git repository beside it, named after it. */
export function worldGitopsRepo(file: string): string {
  return `${file.replace(/\.ya?ml$/, '')}-gitops`;
}

/**
 * What a user of the original installer starts from, pointed at the world: `cto init` with the
 * installer's flags for one control plane and `workers` workers writes the spec and, with
 * `--gitops`, the GitOps tree into a git repository beside it (committed, as a user would push
 * it; `spec.gitops.repoURL` is its file:// URL). Then the world's endpoints: the simulator, the
 * real chart and manifests from the test environment (nothing is downloaded), the repository's credentials and
 * a private kubeconfig. Calling it again for the same file rewrites both and commits what changed.
 */
export async function writeWorldSpec(world: World, repoRoot: string, opts: { workers: number; file?: string; name?: string }): Promise<string> {
  const file = opts.file ?? join(world.dir, 'cluster.yaml');
  const repo = worldGitopsRepo(file);
  const nodes = opts.workers + 1;
  if (splitNodes(nodes).controlPlane !== 1) throw new Error(`a world cluster has one control plane; ${opts.workers} workers would make cto init split ${nodes} nodes otherwise`);
  const init = ['init', '--force', '--out', file, '--cluster-name', opts.name ?? 'cto-prod', '--nodes', String(nodes), '--storage-replicas', '1'];
  await run(process.execPath, [join(repoRoot, 'bin/cto'), ...init, '--gitops-repo', pathToFileURL(repo).href, '--gitops', repo], { cwd: world.dir });
  await commitAll(repo, 'GitOps tree written by cto init --gitops');

  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.setIn(['spec', 'provider', 'latitude', 'endpoint'], world.sim.url);
  // The real releases at cto's pinned versions, from the test environment: local copies, as an
  // air-gapped user gives them.
  doc.setIn(['spec', 'platform'], doc.createNode({
    cilium: { chart: upstreamFile('cilium', 'cilium') },
    localPathProvisioner: { manifest: upstreamFile('local-path', 'local-path-storage.yaml') },
    argocd: { manifest: upstreamFile('argocd', 'install.yaml') },
  }));
  doc.setIn(['spec', 'gitops', 'credentials'], doc.createNode({ username: '${env:GITOPS_USERNAME}', password: '${env:GITOPS_TOKEN}' }));
  doc.setIn(['spec', 'kubeconfig', 'path'], join(world.env.HOME!, '.kube', 'config'));
  await writeFile(file, String(doc));
  return file;
}

/** Makes `repo` a git repository on branch main if it is not one, and commits everything in it that changed. */
async function commitAll(repo: string, message: string): Promise<void> {
  if ((await kindOfPath(join(repo, '.git'))) === 'missing') await git(repo, ['init', '--quiet', '--initial-branch', 'main']);
  await git(repo, ['add', '--all']);
  if (!(await git(repo, ['status', '--porcelain'])).trim()) return;
  await git(repo, ['-c', 'user.name=cto demo', '-c', 'user.email=demo@cto.invalid', 'commit', '--quiet', '--message', message]);
}
