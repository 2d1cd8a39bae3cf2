// A control plane and a storage worker taken from maintenance to a
// bootstrapped cluster with the real talosctl, then changed, faulted and reset.
import { CoreV1Api, KubeConfig, type V1Node } from '@kubernetes/client-node';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { startTalosNodes, type NodeState, type TalosNodes } from '../../testenv/talos-nodes.js';
import { eventually, Talosctl } from './talosctl.js';

const cp = { address: '127.0.201.1', hostname: 'life-cp-0', disks: ['/dev/nvme0n1'] };
const cp1 = { address: '127.0.201.3', hostname: 'life-cp-1', disks: ['/dev/nvme0n1'] };
const worker = { address: '127.0.201.2', hostname: 'life-worker-0', disks: ['/dev/nvme0n1', '/dev/nvme1n1'] };
const hugepages = (pages: number) => ({ machine: { sysctls: { 'vm.nr_hugepages': String(pages) } } });
const storageWorker = {
  machine: { nodeLabels: { 'openebs.io/engine': 'mayastor' }, sysctls: { 'vm.nr_hugepages': '1024' } },
};

let sim: TalosNodes;
let talosctl: Talosctl;
let dir: string;
let patchedDir: string;
let core: CoreV1Api;

const state = async (address: string): Promise<NodeState> => {
  const node = (await sim.nodes()).find((n) => n.address === address);
  if (node === undefined) throw new Error(`no simulated node ${address}`);
  return node;
};
const running = (address: string) =>
  eventually(`${address} configured and running`, () => state(address), (n) => n.mode === 'configured' && n.reachable && n.stage === 'running');
const secure = (address: string, ...args: string[]) => ['--talosconfig', `${dir}/talosconfig`, '-e', cp.address, '-n', address, ...args];
const readNode = (name: string) => core.readNode({ name }).catch(() => undefined);

beforeAll(async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(inject('kubeconfigPath'));
  core = kc.makeApiClient(CoreV1Api);
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
  talosctl = await Talosctl.create();
  dir = await talosctl.genConfig('life', { installDisk: '/dev/nvme0n1', patchWorker: storageWorker });
  await sim.boot(cp);
  await sim.boot(cp1);
  await sim.boot(worker);
});

afterAll(async () => {
  await sim?.stop();
});

describe('from maintenance to a bootstrapped cluster', () => {
  it('installs each node from apply-config --insecure and reboots it into its config', async () => {
    for (const [node, file] of [[cp, 'controlplane.yaml'], [cp1, 'controlplane.yaml'], [worker, 'worker.yaml']] as const) {
      const r = await talosctl.run(['apply-config', '--insecure', '-n', node.address, '-e', node.address, '--file', `${dir}/${file}`]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain('Applied configuration without a reboot');
    }
    // the node goes away to install: its API refuses connections meanwhile
    await eventually('install started', () => state(cp.address), (n) => !n.reachable);
    const during = await talosctl.run(secure(cp.address, 'get', 'machinestatus'));
    expect(during.exitCode).toBe(1);
    expect(during.stderr).toContain('code = Unavailable');

    for (const node of [cp, cp1, worker]) {
      const n = await eventually(`${node.address} configured`, () => state(node.address), (s) => s.mode === 'configured' && s.reachable);
      expect(n).toMatchObject({ appliedConfigs: 1, nodeName: node.hostname });
    }
    expect((await state(cp.address)).role).toBe('controlplane');
    expect((await state(worker.address)).role).toBe('worker');
    // A worker's boot sequence ends once its kubelet is up: no control plane needs to be bootstrapped.
    expect(await running(worker.address)).toMatchObject({ ready: false });
  });

  it('serves the configured API over mutual TLS with the config machine CA', async () => {
    const [status] = await talosctl.getJson(secure(cp.address, 'machinestatus'));
    expect(status?.spec.stage).toBe('booting');
    const version = await talosctl.ok(secure(cp.address, 'version'));
    expect(version).toContain(`NODE:        ${cp.address}`);
    expect(version).toMatch(/Tag:\s+v1\.13\.\d+/);
  });

  it('no longer answers the insecure maintenance probe once configured (client certificate required)', async () => {
    const r = await talosctl.run(['get', 'machinestatus', '--insecure', '-n', cp.address]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('code = Unavailable');
  });

  it('reaches the worker through the control plane endpoint (apid forwarding)', async () => {
    const [status] = await talosctl.getJson(secure(worker.address, 'machinestatus'));
    expect(status?.node).toBe(worker.address);
    expect(status?.spec.stage).toBe('running');
  });

  it('rejects a talosconfig made from other secrets', async () => {
    const other = await talosctl.genConfig('other', { installDisk: '/dev/nvme0n1' });
    const r = await talosctl.run(['--talosconfig', `${other}/talosconfig`, '-e', cp.address, '-n', cp.address, 'get', 'machinestatus']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('x509: certificate signed by unknown authority');
  });

  it('waits for bootstrap in stage booting, with the CRI up and etcd Preparing', async () => {
    for (const node of [cp, cp1]) {
      await eventually(`${node.address} CRI up`, () => talosctl.ok(secure(node.address, 'service', 'cri')), (out) => /STATE\s+Running/.test(out));
      const etcd = await talosctl.ok(secure(node.address, 'service', 'etcd'));
      expect(etcd).toMatch(/STATE\s+Preparing/);
      expect(etcd).toMatch(/HEALTH\s+\?/);
      expect(etcd).toMatch(/EVENTS\s+\[Preparing\]: Running pre state/);
      const [status] = await talosctl.getJson(secure(node.address, 'machinestatus'));
      expect(status?.spec.stage).toBe('booting');
      expect(status?.spec.status.ready).toBe(false);
      expect(status?.spec.status.unmetConditions).toContainEqual({ name: 'services', reason: 'etcd not running' });
    }
  });

  it('refuses bootstrap on a worker', async () => {
    const r = await talosctl.run(secure(worker.address, 'bootstrap'));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('bootstrap is only available on control plane nodes');
  });

  it('bootstraps the control plane once, then answers AlreadyExists', async () => {
    await talosctl.ok(secure(cp.address, 'bootstrap'));
    const again = await talosctl.run(secure(cp.address, 'bootstrap'));
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('code = AlreadyExists desc = etcd data directory is not empty');
    // machined marks the waiting etcd Finished: the boot sequence ends at once
    expect(await state(cp.address)).toMatchObject({ bootstrapped: true, bootstrapCalls: 2, etcdRunning: true, stage: 'running' });
  });

  it('runs etcd after bootstrap, on the other control plane too once it joins', async () => {
    expect(await running(cp1.address)).toMatchObject({ etcdRunning: true });
    const out = await talosctl.ok(secure(`${cp.address},${cp1.address}`, 'service', 'etcd'));
    const blocks = out.split(/(?=^NODE\s)/m);
    expect(blocks).toHaveLength(2);
    for (const [i, node] of [cp, cp1].entries()) {
      expect(blocks[i]).toMatch(new RegExp(`^NODE\\s+${node.address.replaceAll('.', '\\.')}`));
      expect(blocks[i]).toMatch(/STATE\s+Running/);
      expect(blocks[i]).toMatch(/HEALTH\s+OK/);
    }
    expect(await state(cp1.address)).toMatchObject({ bootstrapped: false, bootstrapCalls: 0, etcdRunning: true });
  });

  it('hands out a kubeconfig for the local control plane under the cluster name', async () => {
    await talosctl.ok(secure(cp.address, 'kubeconfig', `${dir}/kubeconfig`, '--merge=false', '--force'));
    const kubeconfig = parse(await readFile(`${dir}/kubeconfig`, 'utf8'));
    expect(kubeconfig['current-context']).toBe('admin@life');
    const kc = new KubeConfig();
    kc.loadFromFile(`${dir}/kubeconfig`);
    const nodes = await kc.makeApiClient(CoreV1Api).listNode();
    expect(Array.isArray(nodes.items)).toBe(true);
  });

  it('registers both Nodes with their labels and hugepages, and kwok makes them Ready', async () => {
    const ready = (n: V1Node | undefined) => n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
    const w = await eventually('worker Node Ready', () => readNode(worker.hostname), ready);
    expect(w?.metadata?.labels).toMatchObject({ 'openebs.io/engine': 'mayastor', 'kubernetes.io/hostname': worker.hostname });
    expect(w?.metadata?.labels?.['node-role.kubernetes.io/control-plane']).toBeUndefined();
    expect(w?.status?.allocatable?.['hugepages-2Mi']).toBe(String(1024 * 2 * 1024 * 1024));
    const c = await eventually('control plane Node Ready', () => readNode(cp.hostname), ready);
    expect(c?.metadata?.labels).toHaveProperty('node-role.kubernetes.io/control-plane', '');
    expect(c?.status?.allocatable?.['hugepages-2Mi']).toBe('0');
    // with its Node registered, machined's readiness checks pass
    await eventually('worker ready', () => state(worker.address), (n) => n.ready);
  });
});

describe('changing a configured node', () => {
  it('returns the applied config from get machineconfig', async () => {
    const [cfg] = await talosctl.getJson(secure(worker.address, 'machineconfig'));
    // the spec is the config as applied: the v1alpha1 document first, then the other documents
    const spec = parseAllDocuments(cfg?.spec as string)[0]?.toJS();
    expect(spec.machine.type).toBe('worker');
    expect(spec.machine.sysctls['vm.nr_hugepages']).toBe('1024');
  });

  it('shows the hugepages change as a diff on --dry-run without applying it', async () => {
    patchedDir = await talosctl.genConfig('life', {
      out: 'life-2048',
      installDisk: '/dev/nvme0n1',
      secrets: `${dir}/secrets.yaml`,
      patchWorker: { machine: { ...storageWorker.machine, ...hugepages(2048).machine } },
    });
    const r = await talosctl.run(secure(worker.address, 'apply-config', '--mode', 'auto', '--dry-run', '--file', `${patchedDir}/worker.yaml`));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Dry run summary:');
    expect(r.stderr).toContain('Applied configuration without a reboot (skipped in dry-run).');
    expect(r.stderr).toMatch(/-\s+vm\.nr_hugepages: "1024"/);
    expect(r.stderr).toMatch(/\+\s+vm\.nr_hugepages: "2048"/);
    expect((await state(worker.address)).appliedConfigs).toBe(1);
  });

  it('applies it live with --mode auto and the Node reports the new hugepages', async () => {
    const r = await talosctl.run(secure(worker.address, 'apply-config', '--mode', 'auto', '--file', `${patchedDir}/worker.yaml`));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('Applied configuration without a reboot');
    expect(await state(worker.address)).toMatchObject({ appliedConfigs: 2, reachable: true });
    const n = await eventually('hugepages-2Mi allocatable 4Gi', () => readNode(worker.hostname),
      (node) => node?.status?.allocatable?.['hugepages-2Mi'] === String(2048 * 2 * 1024 * 1024));
    expect(n?.metadata?.name).toBe(worker.hostname);
  });

  it('refuses --mode no-reboot for a change that needs a reboot', async () => {
    const patch = talosctl.path('env.yaml');
    await writeFile(patch, stringify({ machine: { env: { FOO: 'bar' } } }));
    const r = await talosctl.run(secure(worker.address, 'apply-config', '--mode', 'no-reboot', '--file', `${patchedDir}/worker.yaml`,
      '--config-patch', `@${patch}`));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("code = InvalidArgument desc = this config change can't be applied in immediate mode");
  });

  it('reports Unavailable when the node reboots under an apply', async () => {
    // long enough for talosctl to start on a loaded machine
    await sim.reboot(worker.address, { seconds: 10 });
    const r = await talosctl.run(['--talosconfig', `${dir}/talosconfig`, '-e', worker.address, '-n', worker.address,
      'apply-config', '--mode', 'auto', '--file', `${patchedDir}/worker.yaml`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('code = Unavailable');
    expect(r.stderr).toContain('connection refused');
    await eventually('worker back', () => state(worker.address), (n) => n.reachable, 20_000);
    await running(worker.address);
  });

  it('resets the worker back to maintenance mode, with talosctl tracking the reset through the events API', async () => {
    const r = await talosctl.run(secure(worker.address, 'reset', '--graceful=false', '--reboot=false'));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('events check condition met');
    const n = await eventually('worker back in maintenance', () => state(worker.address), (s) => s.mode === 'maintenance' && s.reachable);
    expect(n.stage).toBe('maintenance');
    const [status] = await talosctl.getJson(['machinestatus', '--insecure', '-n', worker.address]);
    expect(status?.spec.stage).toBe('maintenance');
  });
});
