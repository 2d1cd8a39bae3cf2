// Disks as a real Talos node reports them, driven by the real talosctl: per-machine serials, udev's
// links derived from model and serial, the install disk found by a selector, Talos' partitions on it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diskKind, diskRecordFile, type DiskDesired } from '../../src/executors/storage/disk.js';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { testenvBin } from '../../testenv/paths.js';
import { step, testCluster, testContext } from '../platform/context.js';
import { eventually, Talosctl } from './talosctl.js';

const [a, b] = ['127.0.205.1', '127.0.205.2'];
let sim: TalosNodes;
let talosctl: Talosctl;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
  talosctl = await Talosctl.create();
  for (const [ip, name] of [[a, 'disks-worker-0'], [b, 'disks-worker-1']] as const) await sim.boot({ address: ip, hostname: name, disks: ['/dev/nvme0n1', '/dev/nvme1n1'] });
});

afterAll(async () => {
  await sim?.stop();
});

describe('disks of a simulated node', () => {
  it('report model, serial, transport and udev links from model and serial, different on every machine', async () => {
    const disk = async (ip: string) => (await talosctl.getJson(['disks', '--insecure', '-n', ip])).find((d) => d.metadata.id === 'nvme1n1')!.spec as Record<string, any>;
    const [da, db] = [await disk(a), await disk(b)];
    expect(da).toMatchObject({ dev_path: '/dev/nvme1n1', model: 'SAMSUNG MZQL21T9HCJR-00A07', transport: 'nvme', size: 1_920_383_410_176, pretty_size: '1.9 TB' });
    expect(da.serial).toMatch(/^S64GNE0R\d{6}$/);
    expect(db.serial).not.toBe(da.serial);
    expect(da.symlinks).toContain(`/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_${da.serial}_1`);
    expect(da.symlinks).toContain('/dev/disk/by-path/pci-0000:02:00.0-nvme-1');
    expect(db.symlinks).toContain(`/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_${db.serial}`);
    expect(await disk(a)).toEqual(da);
  });

  it('refuse an install disk selector that matches no disk (machinery RuntimeValidate), and install to the first match', async () => {
    const none = await talosctl.genConfig('disks-none', { installDisk: '/dev/nvme0n1', patchAll: { machine: { install: { diskSelector: { size: '>= 100TB' } } } } });
    const refused = await talosctl.run(['apply-config', '--insecure', '-n', a, '-e', a, '--file', `${none}/worker.yaml`]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('no disks matched the expression');

    const dir = await talosctl.genConfig('disks-ok', { installDisk: '', patchAll: { machine: { install: { diskSelector: { type: 'nvme' } } } } });
    // A control plane: its config holds the CA key the node's API certificate is signed with (a lone worker has none).
    await talosctl.ok(['apply-config', '--insecure', '-n', a, '-e', a, '--file', `${dir}/controlplane.yaml`]);
    const authed = ['--talosconfig', `${dir}/talosconfig`, '-n', a, '-e', a];
    const volumes = await eventually('the installed node', () => talosctl.getJson(['discoveredvolumes', ...authed]).catch(() => []), (v) => v.length > 0, 60_000);
    const partitions = volumes.filter((v) => v.spec.type === 'partition').map((v) => `${v.spec.parent} ${v.spec.partition_label}`);
    expect(partitions).toEqual(['nvme0n1 EFI', 'nvme0n1 META', 'nvme0n1 STATE', 'nvme0n1 EPHEMERAL']);
    const [system] = await talosctl.getJson(['systemdisk', ...authed]);
    expect(system!.spec).toMatchObject({ diskID: 'nvme0n1', devPath: '/dev/nvme0n1' });
  });

  it('storage/disk resolves a kernel name on the node to its by-id link, records it at apply, and the record wins later', async () => {
    const { cluster } = testCluster('disks', { nodes: { controlPlane: { count: 1, plan: 'p' }, workers: { count: 1, plan: 'p' } }, storage: { mayastor: { disk: '/dev/nvme1n1', replicas: 1 } }, gitops: { repoURL: 'https://git.example/p.git' } });
    const ctx = testContext(cluster, undefined, { env: { ...process.env, CTO_TALOSCTL: testenvBin('talosctl') } });
    ctx.outputOf = <T>(id: string) => (id === 'server/worker-0' ? ({ id: 'sv_disks', ipv4: b } as T) : undefined);
    const s = step<DiskDesired>('storage/disk/worker-0', 'storage.disk', { node: 'worker-0', hostname: 'disks-worker-0', disk: '/dev/nvme1n1' });
    const serial = ((await talosctl.getJson(['disks', '--insecure', '-n', b])).find((d) => d.metadata.id === 'nvme1n1')!.spec as { serial: string }).serial;
    const link = `/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_${serial}_1`;

    const observed = await diskKind.observe(s, ctx);
    const planned = diskKind.diff(s, observed, ctx);
    expect(planned).toMatchObject({ action: 'create', reason: expect.stringContaining(`record /dev/nvme1n1 as ${link}`) });
    expect(planned.notes![0]).toMatch(/^kernel name \/dev\/nvme1n1 resolved to /);
    expect(await ctx.state.exists(diskRecordFile('worker-0'))).toBe(false);

    expect(await diskKind.apply(s, planned, ctx)).toMatchObject({ link, serial });
    expect(JSON.parse((await ctx.state.read(diskRecordFile('worker-0')))!.toString())).toMatchObject({ spec: '/dev/nvme1n1', server: 'sv_disks', link, serial });
    const again = diskKind.diff(s, await diskKind.observe(s, ctx), ctx);
    expect(again).toMatchObject({ action: 'noop', reason: expect.stringContaining(`recorded for /dev/nvme1n1 on `) });
  });
});
