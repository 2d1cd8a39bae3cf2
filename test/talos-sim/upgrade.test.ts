// In-place upgrades and etcd snapshots of a simulated node, driven by the real talosctl: the legacy
// MachineService.Upgrade for a node older than 1.13, LifecycleService + reboot for 1.13 and later,
// the A/B rollback fault, and `talosctl etcd snapshot`.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { eventually, Talosctl } from './talosctl.js';

const ip = '127.0.204.1';
const schematic = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';
const installer = (version: string) => `factory.talos.dev/installer/${schematic}:${version}`;
let sim: TalosNodes;
let talosctl: Talosctl;
let authed: string[];

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
  talosctl = await Talosctl.create();
  await sim.boot({ address: ip, hostname: 'upgrade-cp-0', disks: ['/dev/nvme0n1'] });
  const dir = await talosctl.genConfig('upgrade', { installDisk: '/dev/nvme0n1', patchAll: { machine: { install: { image: installer('v1.12.6') } } } });
  await talosctl.ok(['apply-config', '--insecure', '-n', ip, '-e', ip, '--file', `${dir}/controlplane.yaml`]);
  authed = ['--talosconfig', `${dir}/talosconfig`, '-n', ip, '-e', ip];
  await eventually('bootstrap', () => talosctl.run(['bootstrap', ...authed]), (r) => r.exitCode === 0 || r.stderr.includes('AlreadyExists'), 60_000);
}, 120_000);

afterAll(async () => {
  await sim?.stop();
});

const serverTag = async () => /Server:[\s\S]*?Tag:\s*(\S+)/.exec(await talosctl.ok(['version', ...authed]))?.[1];
const running = () => eventually('the node running', () => sim.nodes(), (nodes) => nodes[0]!.reachable && nodes[0]!.stage === 'running' && nodes[0]!.etcdRunning, 60_000);

describe('talosctl upgrade against a simulated node', () => {
  it('reports the version its installer image wrote, and the schematic as the "schematic" extension', async () => {
    await running();
    expect(await serverTag()).toBe('v1.12.6');
    const [ext] = await talosctl.getJson(['extensions', ...authed]);
    expect(ext!.spec).toMatchObject({ metadata: { name: 'schematic', version: schematic } });
  });

  it('a node older than 1.13 takes the legacy upgrade and reboots into the new version', async () => {
    await talosctl.ok(['upgrade', ...authed, '--image', installer('v1.13.8'), '--drain=false', '--wait=false']);
    await eventually('the new version', () => serverTag().catch(() => undefined), (tag) => tag === 'v1.13.8', 60_000);
    await running();
  });

  it('a 1.13 node pulls, installs through LifecycleService, and reboots', async () => {
    await talosctl.ok(['upgrade', ...authed, '--image', installer('v1.13.9'), '--drain=false', '--wait=false']);
    await eventually('the new version', () => serverTag().catch(() => undefined), (tag) => tag === 'v1.13.9', 60_000);
    await running();
  });

  it('with the rollback fault armed the node comes back on the old version', async () => {
    await sim.faults(ip, { upgradeRollback: true });
    await talosctl.ok(['upgrade', ...authed, '--image', installer('v1.13.10'), '--drain=false', '--wait=false']);
    // the boot falls back: the default boot entry is the old image again
    await eventually('the fallback boot', () => sim.nodes(), (n) => n[0]!.os.upgrades === 3 && n[0]!.os.installed === installer('v1.13.9'), 60_000);
    await running();
    expect(await serverTag()).toBe('v1.13.9');
    expect((await sim.nodes())[0]!.os).toMatchObject({ version: 'v1.13.9', rollbackFault: false });
  });

  it('etcd snapshot streams the control plane etcd into a file', async () => {
    await running();
    const file = talosctl.path('etcd.snapshot');
    await talosctl.ok(['etcd', 'snapshot', file, ...authed]);
    expect((await readFile(file)).includes('upgrade-cp-0')).toBe(true);
    expect((await sim.nodes())[0]!.os.etcdSnapshots).toBe(1);
  });
});
