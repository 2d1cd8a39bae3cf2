// A simulated node in maintenance mode, driven by the real talosctl:
// the insecure API, the resources it exposes, and what it refuses.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { Talosctl } from './talosctl.js';

const ip = '127.0.200.1';
let sim: TalosNodes;
let talosctl: Talosctl;
let configDir: string;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
  talosctl = await Talosctl.create();
  configDir = await talosctl.genConfig('maint', { installDisk: '/dev/sda' });
  await sim.boot({ address: ip, hostname: 'maint-worker-0', disks: ['/dev/nvme0n1', '/dev/nvme1n1'] });
});

afterAll(async () => {
  await sim?.stop();
});

describe('maintenance mode', () => {
  it('reports the maintenance stage over the insecure API', async () => {
    const [status] = await talosctl.getJson(['machinestatus', '--insecure', '-n', ip, '-e', ip]);
    expect(status?.metadata.id).toBe('machine');
    expect(status?.spec.stage).toBe('maintenance');
    // talosctl --insecure talks to the node itself and names no target, so the NODE column is empty
    expect(status?.node).toBe('');
  });

  it('lists the disks the node was given', async () => {
    const disks = await talosctl.getJson(['disks', '--insecure', '-n', ip]);
    expect(disks.map((d) => d.spec.dev_path).sort()).toEqual(['/dev/nvme0n1', '/dev/nvme1n1']);
    expect(disks.map((d) => d.metadata.id).sort()).toEqual(['nvme0n1', 'nvme1n1']);
  });

  it('prints the disks table like a real node', async () => {
    const table = await talosctl.ok(['get', 'disks', '--insecure', '-n', ip]);
    expect(table.split('\n')[0]).toMatch(/^NODE\s+NAMESPACE\s+TYPE\s+ID\s+VERSION\s+SIZE/);
    expect(table).toContain('nvme1n1');
  });

  it('keeps sensitive resources to authenticated admins', async () => {
    const r = await talosctl.run(['get', 'machineconfig', '--insecure', '-n', ip]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('code = PermissionDenied desc = not authorized');
  });

  it('rejects an install disk the machine does not have, like the maintenance service', async () => {
    const r = await talosctl.run(['apply-config', '--insecure', '-n', ip, '-e', ip, '--file', `${configDir}/worker.yaml`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed');
    expect(r.stderr).toContain('specified install disk does not exist: "/dev/sda"');
    const [node] = await sim.nodes();
    expect(node).toMatchObject({ mode: 'maintenance', appliedConfigs: 0, reachable: true });
  });

  it('rejects a config machinery itself finds invalid', async () => {
    const patch = talosctl.path('old-kubelet.yaml');
    await writeFile(patch, stringify({ machine: { install: { disk: '/dev/nvme0n1' }, kubelet: { image: 'ghcr.io/siderolabs/kubelet:v1.20.0' } } }));
    const r = await talosctl.run(['apply-config', '--insecure', '-n', ip, '--file', `${configDir}/worker.yaml`, '--config-patch', `@${patch}`]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('code = InvalidArgument');
    expect(r.stderr).toContain('kubelet image is not valid: version of Kubernetes 1.20.0 is too old to be used with Talos 1.13');
    expect((await sim.nodes())[0]?.appliedConfigs).toBe(0);
  });

  it('is not reachable with a talosconfig (mutual TLS against a self-signed node)', async () => {
    const r = await talosctl.run(['--talosconfig', `${configDir}/talosconfig`, '-n', ip, '-e', ip, 'get', 'machinestatus']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('x509: certificate signed by unknown authority');
  });

  it('answers read-only calls such as version in maintenance mode', async () => {
    const version = await talosctl.ok(['version', '--insecure', '-n', ip]);
    expect(version).toMatch(/Server:[\s\S]*Tag:\s+v1\.13\.\d+/);
  });
});
