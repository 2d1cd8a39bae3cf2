import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseDocument, type Document } from 'yaml';
import { startArgoCd, type ArgoCd } from '../argocd.js';
import { serveChartRepos } from '../chart-repos.js';
import { startControlPlane, testenvBin, type ControlPlane } from '../controlplane.js';
import { applyDiskPoolPolicy } from '../diskpool-policy.js';
import { serveGit, type GitServer } from '../git-http.js';
import { splitNodes } from '../../src/cli/init-spec.js';
import { OPENEBS_CHART, OPENEBS_CHART_REPO } from '../../src/gitops-tree/openebs-chart.js';
import { kindOfPath } from '../../src/gitops-tree/tree-files.js';
import { writeGitopsTree } from '../../src/gitops-tree/write.js';
import { loadSpec } from '../../src/spec/load.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { startTalosNodes, type TalosNodes } from '../talos-nodes.js';
import { upstreamFile } from '../upstream.js';
import { claimAddressBlock } from './address-block.js';
import { startStandIns, type StandIns } from './stand-ins.js';

const run = promisify(execFile);

/**
 * Everything `cto apply` talks to, on this machine: the Latitude simulator, simulated Talos nodes
 * that the real talosctl drives (at the servers' loopback addresses), a real local Kubernetes
 * control plane whose Nodes are those servers, and the real Argo CD application controller and
 * repo server, which sync the GitOps repository from a git server here. Used by `npm run demo`
 * and the end-to-end tests.
 */
export interface World {
  dir: string;
  controlPlane: ControlPlane;
  sim: Simulator;
  talos: TalosNodes;
  git: GitServer;
  argocd: ArgoCd;
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
/** The GitOps repository is private: the git server asks for these, which cto hands to Argo CD. */
const GITOPS_CREDENTIALS = { username: 'demo-git-user', password: 'demo-git-token-5ecr3t-0123456789' };

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
    // Any repository on this machine, at its absolute path (worldGitopsUrl).
    const git = await serveGit({ root: '/', credentials: GITOPS_CREDENTIALS });
    stops.push(() => git.stop());
    const diskPoolCrd = await readFile(join(opts.repoRoot, 'test/fixtures/platform/diskpool-crd.yaml'), 'utf8');
    const charts = await serveChartRepos(join(opts.dir, 'charts'), [
      // Mayastor's chart is not reachable here (nor are its images): a stand-in chart of that name and
      // version holds what the storage steps need from it, the DiskPool CRD.
      { repoURL: OPENEBS_CHART_REPO, name: OPENEBS_CHART, version: await mayastorChartVersion(opts.repoRoot), templates: { 'diskpool-crd.yaml': diskPoolCrd } },
    ]);
    stops.push(() => charts.stop());
    await mkdir(join(opts.dir, 'argocd'), { recursive: true });
    const argocd = await startArgoCd({ kubeconfigPath: controlPlane.kubeconfigPath, dir: join(opts.dir, 'argocd'), chartRepos: charts, resyncSeconds: 10, ...(opts.log ? { log: opts.log } : {}) });
    stops.push(() => argocd.stop());
    const standIns = await startStandIns({ kubeconfigPath: controlPlane.kubeconfigPath, ...(opts.log ? { log: opts.log } : {}) });
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
      GITOPS_USERNAME: GITOPS_CREDENTIALS.username,
      GITOPS_TOKEN: GITOPS_CREDENTIALS.password,
    };
    return { dir: opts.dir, controlPlane, sim, talos, git, argocd, standIns, env, stop };
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
 * it; `spec.gitops.repoURL` is its URL on the world's git server). Then the world's endpoints: the
 * simulator, the real chart and manifests from the test environment (nothing is downloaded), the
 * repository's credentials and a private kubeconfig. Calling it again for the same file rewrites both
 * and commits what changed.
 */
export async function writeWorldSpec(
  world: World,
  repoRoot: string,
  opts: { workers: number; file?: string; name?: string; controlPlanes?: number; privateNetwork?: { subnet: string; vip?: string } },
): Promise<string> {
  const file = opts.file ?? join(world.dir, 'cluster.yaml');
  const repo = worldGitopsRepo(file);
  const nodes = opts.workers + 1;
  const network = opts.privateNetwork
    ? // Every simulated node and cto itself are on loopback: that is the admin network here.
      ['--private-subnet', opts.privateNetwork.subnet, '--admin-cidr', '127.0.0.0/8']
    : [];
  const init = ['init', '--force', '--out', file, '--cluster-name', opts.name ?? 'cto-prod', '--nodes', String(nodes), '--storage-replicas', '1', ...network];
  await run(process.execPath, [join(repoRoot, 'bin/cto'), ...init, '--gitops-repo', worldGitopsUrl(world, file), '--gitops', repo], { cwd: world.dir });
  await commitAll(repo, 'GitOps tree written by cto init --gitops');

  const doc = parseDocument(await readFile(file, 'utf8'));
  // From six nodes on `cto init` splits three control planes; a world cluster keeps one and any number of workers.
  if (splitNodes(nodes).controlPlane !== 1) {
    doc.setIn(['spec', 'nodes', 'controlPlane', 'count'], 1);
    doc.setIn(['spec', 'nodes', 'workers', 'count'], opts.workers);
  }
  if (opts.controlPlanes !== undefined) doc.setIn(['spec', 'nodes', 'controlPlane', 'count'], opts.controlPlanes);
  if (opts.privateNetwork?.vip) doc.setIn(['spec', 'network', 'private', 'vip'], opts.privateNetwork.vip);
  pointAtWorld(doc, world);
  await writeFile(file, String(doc));
  return file;
}

/**
 * An example spec from `examples/` as it is, pointed at the world: only what is the world's is
 * substituted (the simulator, the GitOps repository on the world's git server with the tree
 * rendered from the example itself, the admin network, which is loopback here, the local
 * releases, a private kubeconfig). Returns the spec's path.
 */
export async function writeWorldExample(world: World, repoRoot: string, example: string, file: string): Promise<string> {
  const doc = parseDocument(await readFile(join(repoRoot, 'examples', example), 'utf8'));
  doc.setIn(['spec', 'gitops', 'repoURL'], worldGitopsUrl(world, file));
  // Every simulated node and cto itself are on loopback: that is the admin network here.
  if (doc.hasIn(['spec', 'access', 'adminCIDRs'])) doc.setIn(['spec', 'access', 'adminCIDRs'], doc.createNode(['127.0.0.0/8'], { flow: true }));
  pointAtWorld(doc, world);
  const text = String(doc);
  const loaded = loadSpec(text, file, world.env);
  if (!loaded.spec) throw new Error(`${example} pointed at the world is not valid: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const repo = worldGitopsRepo(file);
  await writeGitopsTree(loaded.spec.cluster, repo, { force: true });
  await commitAll(repo, `GitOps tree of examples/${example}`);
  await writeFile(file, text);
  return file;
}

/** The world's endpoints in a spec: the simulator, local releases, the repository's credentials, a private kubeconfig. */
function pointAtWorld(doc: Document, world: World): void {
  doc.setIn(['spec', 'provider', 'latitude', 'endpoint'], world.sim.url);
  // The real releases at cto's pinned versions, from the test environment: local copies, as an
  // air-gapped user gives them.
  doc.setIn(['spec', 'platform'], doc.createNode({
    cilium: { chart: upstreamFile('cilium', 'cilium') },
    localPathProvisioner: { manifest: upstreamFile('local-path', 'local-path-storage.yaml') },
    // The release manifest of the Argo CD the world runs (built by testenv/build.sh; its CRDs are the
    // ones that controller is built against), not cto's default pin.
    argocd: { manifest: testenvBin('argocd-install.yaml') },
  }));
  doc.setIn(['spec', 'gitops', 'credentials'], doc.createNode({ username: '${env:GITOPS_USERNAME}', password: '${env:GITOPS_TOKEN}' }));
  doc.setIn(['spec', 'kubeconfig', 'path'], join(world.env.HOME!, '.kube', 'config'));
}

/** The URL of the spec's GitOps repository (see worldGitopsRepo) on the world's git server. */
export function worldGitopsUrl(world: World, file: string): string {
  return world.git.url(worldGitopsRepo(file).replace(/^\/+/, ''));
}

/** The semver the spec schema pins the OpenEBS chart at by default. */
async function mayastorChartVersion(repoRoot: string): Promise<string> {
  const schema = JSON.parse(await readFile(join(repoRoot, 'schema/cluster.schema.json'), 'utf8'));
  return schema.properties.spec.properties.storage.properties.mayastor.properties.chartVersion.default;
}

/** Runs git in `repo`; a failure says which command failed and git's own words. */
async function git(repo: string, args: string[]): Promise<string> {
  try {
    return (await run('git', ['-C', repo, ...args])).stdout;
  } catch (e) {
    throw new Error(`git ${args[0]} in ${repo}: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`);
  }
}

/** Makes `repo` a git repository on branch main if it is not one, and commits everything in it that changed. */
async function commitAll(repo: string, message: string): Promise<void> {
  if ((await kindOfPath(join(repo, '.git'))) === 'missing') await git(repo, ['init', '--quiet', '--initial-branch', 'main']);
  await git(repo, ['add', '--all']);
  if (!(await git(repo, ['status', '--porcelain'])).trim()) return;
  await git(repo, ['-c', 'user.name=cto demo', '-c', 'user.email=demo@cto.invalid', 'commit', '--quiet', '--message', message]);
}
