import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testenvBin } from '../paths.js';
import { startWorld, worldGitopsRepo, writeWorldSpec } from './world.js';

/**
 * `npm run demo`: plan → apply → plan against the simulator and a real local control plane, then
 * the Nodes as kubectl shows them through the merged kubeconfig. Cleans up, also on Ctrl-C.
 */
const repoRoot = resolve(process.env.CTO_REPO_ROOT ?? '.');
const timeScale = Number(process.env.CTO_DEMO_TIME_SCALE ?? 0.02);
const say = (line: string) => process.stdout.write(`\n\x1b[1m== ${line}\x1b[0m\n`);

const dir = await mkdtemp(join(tmpdir(), 'cto-demo-'));
say(`starting the simulator (time scale ${timeScale}), simulated Talos nodes and a local control plane in ${dir}`);
const world = await startWorld({ dir, timeScale, repoRoot, log: (l) => process.stdout.write(`   ${l}\n`) });
let cleaning = false;
const cleanup = async () => {
  if (cleaning) return;
  cleaning = true;
  await world.stop();
  await rm(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

const cto = (args: string[]) =>
  new Promise<number>((done) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/cto'), ...args], { stdio: 'inherit', env: { ...world.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    child.on('exit', (code) => done(code ?? 1));
  });

let status = 0;
try {
  // The network flags as a user gives them: a private VLAN for node traffic, the admin network (loopback here) in front.
  const spec = await writeWorldSpec(world, repoRoot, { workers: 1, privateNetwork: { subnet: '10.8.0.0/24' } });
  say(`cto init --gitops --private-subnet 10.8.0.0/24 --admin-cidr 127.0.0.0/8 wrote ${spec}`);
  say(`the GitOps tree Argo CD syncs: written by cto init --gitops, committed in the git repository ${worldGitopsRepo(spec)}`);
  say(`cto plan -f ${spec}`);
  if ((await cto(['plan', '-f', spec, '--detailed-exitcode'])) !== 2) throw new Error('the first plan should have changes');
  say(`cto apply -f ${spec} --auto-approve`);
  const started = Date.now();
  if ((await cto(['apply', '-f', spec, '--auto-approve'])) !== 0) throw new Error('apply failed');
  say(`apply took ${Math.round((Date.now() - started) / 1000)} s; planning again`);
  if ((await cto(['plan', '-f', spec, '--detailed-exitcode'])) !== 0) throw new Error('the last plan should have no changes');
  const kubeconfig = join(world.env.HOME!, '.kube', 'config');
  const kubectl = (args: string[]) =>
    new Promise<void>((done, fail) => {
      const child = spawn(testenvBin('kubectl'), ['--kubeconfig', kubeconfig, ...args], { stdio: 'inherit' });
      child.on('error', fail);
      child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`kubectl exited ${code}`))));
    });
  say(`kubectl --kubeconfig ${kubeconfig} get nodes -L openebs.io/engine`);
  await kubectl(['get', 'nodes', '-L', 'openebs.io/engine']);
  const commit = (await promisify(execFile)('git', ['-C', worldGitopsRepo(spec), 'rev-parse', 'main'])).stdout.trim();
  say(`the Applications as Argo CD's controller left them (the tree's main branch is at ${commit})`);
  await kubectl(['-n', 'argocd', 'get', 'applications', '-o',
    'custom-columns=NAME:.metadata.name,SYNC:.status.sync.status,HEALTH:.status.health.status,OPERATION:.status.operationState.phase,SYNCED COMMIT:.status.operationState.syncResult.revision']);
} catch (e) {
  for (const err of world.sim.state.hookErrors) process.stderr.write(`simulated node: ${(err as Error).message}\n`);
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  status = 1;
} finally {
  say('cleaning up');
  await cleanup();
}
process.exit(status);
