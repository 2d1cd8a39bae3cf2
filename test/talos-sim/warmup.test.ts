// Right after it boots configured, a control plane is not ready for
// bootstrap yet (machined waits for the CRI): talosctl must be told to retry.
// Then it waits in stage booting, etcd Preparing, until it is bootstrapped.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { eventually, Talosctl } from './talosctl.js';

// 0.2 × real timings: a 6 s bootstrap warm-up (at the price of a 48 s install and reboot)
const timeScale = 0.2;
const ATTEMPTS = 3;

let sim: TalosNodes;
let talosctl: Talosctl;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale });
  talosctl = await Talosctl.create();
});

afterAll(async () => {
  await sim?.stop();
});

/**
 * One control plane from maintenance to bootstrapped. On a loaded machine talosctl may only reach the
 * node after the warm-up: that first call then bootstraps it and shows nothing about the warm-up, so
 * the caller tries again with a fresh node (false).
 */
async function warmUpAttempt(i: number): Promise<boolean> {
  const cp = { address: `127.0.202.${i + 1}`, hostname: `warm-cp-${i}`, disks: ['/dev/nvme0n1'] };
  const dir = await talosctl.genConfig(`warm-${i}`, { installDisk: '/dev/nvme0n1' });
  const node = async () => (await sim.nodes()).find((n) => n.address === cp.address);
  await sim.boot(cp);
  await talosctl.ok(['apply-config', '--insecure', '-n', cp.address, '--file', `${dir}/controlplane.yaml`]);
  await eventually('configured and reachable', node, (n) => n?.mode === 'configured' && n.reachable === true, 90_000);

  const secure = ['--talosconfig', `${dir}/talosconfig`, '-e', cp.address, '-n', cp.address];
  const early = await talosctl.run([...secure, 'bootstrap']);
  if (early.exitCode === 0) {
    expect(await node()).toMatchObject({ bootstrapped: true });
    return false;
  }
  expect(early.stderr).toContain('code = FailedPrecondition desc = bootstrap is not available yet');
  const [status] = await talosctl.getJson([...secure, 'machinestatus']);
  expect(status?.spec.stage).toBe('booting');

  await eventually('CRI up', () => talosctl.ok([...secure, 'service', 'cri']), (out) => /STATE\s+Running/.test(out), 60_000);
  expect(await talosctl.ok([...secure, 'service', 'etcd'])).toMatch(/STATE\s+Preparing/);
  expect(await node()).toMatchObject({ stage: 'booting' });

  await talosctl.ok([...secure, 'bootstrap']);
  expect(await node()).toMatchObject({ bootstrapped: true, bootstrapCalls: 2 });
  await eventually('running', node, (n) => n?.stage === 'running');
  return true;
}

it('answers FailedPrecondition during the warm-up, then stays booting until bootstrapped', async () => {
  for (let i = 0; i < ATTEMPTS; i++) if (await warmUpAttempt(i)) return;
  throw new Error(`no bootstrap call reached a node during its warm-up in ${ATTEMPTS} attempts`);
}, ATTEMPTS * 150_000);
