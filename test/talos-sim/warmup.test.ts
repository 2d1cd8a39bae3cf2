// Right after it boots configured, a control plane is not ready for
// bootstrap yet (machined waits for the CRI): talosctl must be told to retry.
// Then it waits in stage booting, etcd Preparing, until it is bootstrapped.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { eventually, Talosctl } from './talosctl.js';

const cp = { address: '127.0.202.1', hostname: 'warm-cp-0', disks: ['/dev/nvme0n1'] };
// 0.2 × real timings: a 6 s bootstrap warm-up, long enough for two talosctl
// calls on a loaded machine (at the price of a 48 s install and reboot)
const timeScale = 0.2;

let sim: TalosNodes;
let talosctl: Talosctl;
let dir: string;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale });
  talosctl = await Talosctl.create();
  dir = await talosctl.genConfig('warm', { installDisk: '/dev/nvme0n1' });
  await sim.boot(cp);
});

afterAll(async () => {
  await sim?.stop();
});

it('answers FailedPrecondition during the warm-up, then bootstraps', async () => {
  await talosctl.ok(['apply-config', '--insecure', '-n', cp.address, '--file', `${dir}/controlplane.yaml`]);
  await eventually('configured and reachable', async () => (await sim.nodes())[0], (n) => n?.mode === 'configured' && n.reachable === true, 90_000);

  const secure = ['--talosconfig', `${dir}/talosconfig`, '-e', cp.address, '-n', cp.address];
  const early = await talosctl.run([...secure, 'bootstrap']);
  expect(early.exitCode).toBe(1);
  expect(early.stderr).toContain('code = FailedPrecondition desc = bootstrap is not available yet');
  const [status] = await talosctl.getJson([...secure, 'machinestatus']);
  expect(status?.spec.stage).toBe('booting');

  await eventually('CRI up', () => talosctl.ok([...secure, 'service', 'cri']), (out) => /STATE\s+Running/.test(out), 60_000);
  expect(await talosctl.ok([...secure, 'service', 'etcd'])).toMatch(/STATE\s+Preparing/);
  expect((await sim.nodes())[0]).toMatchObject({ stage: 'booting' });

  await talosctl.ok([...secure, 'bootstrap']);
  expect((await sim.nodes())[0]).toMatchObject({ bootstrapped: true, bootstrapCalls: 2, stage: 'running' });
}, 150_000);
