import { describe, expect, it } from 'vitest';
import type { NodeBlockDevices, NodeDisk, NodeVolume } from '../../src/clients/talos/block.js';
import { chooseDisk, glob, persistentLink, selectorMatches, type RecordedDisk } from '../../src/executors/storage/disk-choice.js';
import { diskChange } from '../../src/executors/storage/disk.js';
import { checkDrives } from '../../src/executors/storage/drives.js';
import { decodeList, plan as decodePlan, type Plan } from '../../src/clients/latitude/wire.js';
import { cassettes } from '../latitude/recordings.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { parseSizeCondition } from '../../src/spec/disk.js';

const MODEL = 'SAMSUNG MZQL21T9HCJR-00A07';

/** An NVMe disk the way `talosctl get disks` reports one, with udev's links. */
function nvme(index: number, serial: string, size = 1_920_383_410_176, model = MODEL): NodeDisk {
  const id = `nvme${index}n1`;
  const pci = `0000:0${index + 1}:00.0`;
  const byId = `nvme-${model.replace(/ /g, '_')}_${serial}`;
  return {
    id,
    devPath: `/dev/${id}`,
    size,
    model,
    serial,
    wwid: `eui.00253${index}`,
    busPath: `/pci0000:00/0000:00:01.${index + 1}/${pci}/nvme`,
    transport: 'nvme',
    rotational: false,
    readonly: false,
    cdrom: false,
    symlinks: [`/dev/disk/by-diskseq/${index + 1}`, `/dev/disk/by-id/${byId}`, `/dev/disk/by-id/${byId}_1`, `/dev/disk/by-id/nvme-eui.00253${index}`, `/dev/disk/by-path/pci-${pci}-nvme-1`].sort(),
  };
}

/** What an installed node's `discoveredvolumes` holds for its system disk. */
const talosPartitions = (parent: string): NodeVolume[] => ['EFI', 'META', 'STATE', 'EPHEMERAL'].map((label, i) => ({ id: `${parent}p${i + 1}`, parent, partitionLabel: label }));

const node = (disks: NodeDisk[], volumes: NodeVolume[] = []): NodeBlockDevices => ({ disks, volumes });
const link = (serial: string) => `/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_${serial}_1`;
const NVME = { type: 'nvme' as const };

describe('the Mayastor disk of a worker', () => {
  it('a selector with one match besides the install disk gets that disk\'s by-id link, and says why', () => {
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'S64GNE0R000001'), nvme(1, 'S64GNE0R000002')], talosPartitions('nvme0n1')), disk: NVME, installDisk: '/dev/nvme0n1' });
    expect(r).toMatchObject({ ok: true, choice: { link: link('S64GNE0R000002'), devPath: '/dev/nvme1n1', serial: 'S64GNE0R000002', model: MODEL, size: 1_920_383_410_176 } });
    expect(r.ok && r.choice.why).toBe(`/dev/nvme1n1 (serial S64GNE0R000002, 1.9 TB, ${MODEL}, nvme): the only disk besides the install disk that matches type nvme`);
  });

  it('a selector with no match fails for that node and lists the candidates', () => {
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')], talosPartitions('nvme0n1')), disk: { type: 'hdd' }, installDisk: '/dev/nvme0n1' });
    expect(r).toMatchObject({ ok: false, message: 'no disk besides the install disk matches the selector (type hdd)' });
    expect(!r.ok && r.candidates).toEqual([
      `/dev/nvme0n1 (serial A1, 1.9 TB, ${MODEL}, nvme) ${link('A1')}: the Talos install disk`,
      `/dev/nvme1n1 (serial A2, 1.9 TB, ${MODEL}, nvme) ${link('A2')}`,
    ]);
  });

  it('a selector with two matches fails rather than guess', () => {
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2'), nvme(2, 'A3')], talosPartitions('nvme0n1')), disk: NVME, installDisk: '/dev/nvme0n1' });
    expect(r).toMatchObject({ ok: false, message: '2 disks besides the install disk match the selector (type nvme)' });
    expect(!r.ok && r.candidates).toHaveLength(3);
  });

  it('never the install disk: after install the disk holding META, before it the one the config names', () => {
    // Installed: Talos put itself on nvme1n1 (the kernel names swapped since); that disk is out.
    const installed = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')], talosPartitions('nvme1n1')), disk: NVME, installDisk: '/dev/nvme0n1' });
    expect(installed).toMatchObject({ ok: true, choice: { devPath: '/dev/nvme0n1' } });
    // Maintenance mode: no partitions yet; the install selector picks the first match, as Talos' installer does.
    const before = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')]), disk: NVME, installDisk: { type: 'ssd', size: '>= 400GB' } });
    expect(before).toMatchObject({ ok: true, choice: { devPath: '/dev/nvme1n1' } });
    // A link naming the install disk is refused outright.
    const named = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')], talosPartitions('nvme0n1')), disk: link('A1'), installDisk: '/dev/nvme0n1' });
    expect(named).toMatchObject({ ok: false, message: `/dev/nvme0n1 (serial A1, 1.9 TB, ${MODEL}, nvme) is the Talos install disk: Mayastor would wipe it` });
  });

  it('never a disk holding a Talos partition, nor one below the minimum size', () => {
    const volumes = [...talosPartitions('nvme0n1'), { id: 'nvme1n1p1', parent: 'nvme1n1', partitionLabel: 'EPHEMERAL' }];
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2'), nvme(2, 'A3', 8 * 2 ** 30)], volumes), disk: NVME, installDisk: '/dev/nvme0n1' });
    expect(r).toMatchObject({ ok: false, message: 'no disk besides the install disk matches the selector (type nvme)' });
    expect(!r.ok && r.candidates.join('\n')).toMatch(/nvme1n1 .*holds a Talos partition[\s\S]*nvme2n1 .*smaller than 10 GiB/);
  });

  it('a persistent link is used as is, with or without `:`', () => {
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')], talosPartitions('nvme0n1')), disk: '/dev/disk/by-path/pci-0000:02:00.0-nvme-1', installDisk: '/dev/nvme0n1' });
    expect(r).toMatchObject({ ok: true, choice: { link: '/dev/disk/by-path/pci-0000:02:00.0-nvme-1', serial: 'A2' } });
  });

  it('a kernel name is resolved to the by-id link, with a note, and apply records it', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const r = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'A1'), nvme(1, 'A2')], talosPartitions('nvme0n1')), disk: '/dev/nvme1n1', installDisk: '/dev/nvme0n1', now });
    expect(r.ok).toBe(true);
    const { record, ...choice } = r.ok ? r.choice : ({} as never);
    expect(record).toEqual({ spec: '/dev/nvme1n1', server: 'srv_1', link: link('A2'), serial: 'A2', model: MODEL, size: 1_920_383_410_176, resolvedAt: '2026-12-07T12:00:00.000Z' });
    expect(choice.notes[0]).toMatch(/^kernel name \/dev\/nvme1n1 resolved to \/dev\/disk\/by-id\/nvme-SAMSUNG_MZQL21T9HCJR-00A07_A2_1: kernel names can change between boots/);
    const change = diskChange({ node: 'worker-0', hostname: 'c-worker-0', disk: '/dev/nvme1n1' }, { state: 'present', value: { ...choice, unrecorded: record! } });
    expect(change).toMatchObject({ action: 'create', reason: expect.stringMatching(/^record \/dev\/nvme1n1 as \/dev\/disk\/by-id\//), notes: choice.notes });
  });

  it('a recorded kernel name keeps its disk when the names swap on a later boot, and the plan says so', () => {
    const recorded: RecordedDisk = { spec: '/dev/nvme1n1', server: 'srv_1', link: link('A2'), serial: 'A2', model: MODEL, size: 1_920_383_410_176, resolvedAt: '2026-12-07T12:00:00.000Z' };
    // After a reboot the kernel enumerated the drives the other way round: nvme1n1 is now the system disk.
    const swapped = node([nvme(0, 'A2'), nvme(1, 'A1')], talosPartitions('nvme1n1'));
    const r = chooseDisk({ server: 'srv_1', devices: swapped, disk: '/dev/nvme1n1', installDisk: '/dev/nvme0n1', recorded });
    expect(r).toMatchObject({ ok: true, choice: { link: link('A2'), devPath: '/dev/nvme0n1', serial: 'A2' } });
    expect(r.ok && r.choice.record).toBeUndefined();
    expect(r.ok && r.choice.notes[0]).toMatch(/^\/dev\/nvme1n1 is now another disk, \/dev\/nvme1n1 \(serial A1.*cto keeps the disk recorded on 2026-12-07T12:00:00.000Z/);
    const change = diskChange({ node: 'worker-0', hostname: 'c-worker-0', disk: '/dev/nvme1n1' }, { state: 'present', value: r.ok ? r.choice : (undefined as never) });
    expect(change.action).toBe('noop');
    // The recorded disk gone: an error, never a silent move to whatever has the name now.
    const gone = chooseDisk({ server: 'srv_1', devices: node([nvme(0, 'B1'), nvme(1, 'B2')], talosPartitions('nvme0n1')), disk: '/dev/nvme1n1', installDisk: '/dev/nvme0n1', recorded });
    expect(gone).toMatchObject({ ok: false, message: `the disk recorded for /dev/nvme1n1 (${link('A2')}, serial A2) is gone from the node` });
    // A replaced server is a new machine: its kernel name is resolved afresh, and recorded anew.
    const replaced = chooseDisk({ server: 'srv_2', devices: node([nvme(0, 'B1'), nvme(1, 'B2')], talosPartitions('nvme0n1')), disk: '/dev/nvme1n1', installDisk: '/dev/nvme0n1', recorded });
    expect(replaced).toMatchObject({ ok: true, choice: { link: link('B2'), record: { server: 'srv_2', serial: 'B2' } } });
  });

  it('matches as Talos does: sizes with units, globs with only *, never read-only or without transport', () => {
    expect(parseSizeCondition('>= 1TB')).toEqual({ op: '>=', bytes: 1e12, text: '>= 1TB' });
    expect(parseSizeCondition('4GiB')).toMatchObject({ op: '==', bytes: 4 * 2 ** 30 });
    expect(parseSizeCondition('>= lots')).toBeUndefined();
    expect(glob('SAMSUNG*', MODEL)).toBe(true);
    expect(glob('*MZQL2*00A07', MODEL)).toBe(true);
    expect(glob('SAMSUNG', MODEL)).toBe(false);
    const d = nvme(1, 'A2');
    expect(selectorMatches({ size: ['>= 1TB', '<= 2TB'], model: 'SAMSUNG*', busPath: '/pci0000:00/*' }, d)).toBe(true);
    expect(selectorMatches({ size: ['>= 1TB', '< 1.9TB'] }, d)).toBe(false);
    expect(selectorMatches({ type: 'ssd' }, { ...d, readonly: true })).toBe(false);
    expect(selectorMatches({ model: '*' }, { ...d, transport: '' })).toBe(false);
    expect(persistentLink(d)).toBe(link('A2'));
  });
});

describe('storage/drives', () => {
  const plan = (slug: string, drives: { count: number; size: string; type: string }[]): Plan => ({ id: slug, type: 'plans', attributes: { slug, name: slug, regions: [], drives } });
  const catalog = [plan('c2-small-x86', [{ count: 1, size: '500 GB', type: 'SSD' }]), plan('c3-small-x86', [{ count: 2, size: '1.9 TB', type: 'NVME' }])];

  it('refuses a single-drive worker plan with Mayastor on, naming the plan', () => {
    let err: unknown;
    try {
      checkDrives({ plans: ['c2-small-x86'] }, catalog, 'storage/drives');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({
      path: 'spec.nodes.workers.plan',
      message: 'storage/drives: plan c2-small-x86 has a single drive (1 × 500 GB SSD): Talos installs to it, and Mayastor needs a second drive on every worker',
    });
  });

  it('reads the drives of the recorded catalog: c2-small-x86 lists one 500 GB SSD, so it is refused', () => {
    const rec = cassettes().find((c) => c.name === 'Plan_Basic.yaml')!;
    const recorded = decodeList(JSON.parse(rec.interactions[0]!.responseBody), decodePlan).items;
    expect(recorded.find((p) => p.attributes.slug === 'c2-small-x86')!.attributes.drives).toEqual([{ count: 1, size: '500 GB', type: 'SSD' }]);
    expect(() => checkDrives({ plans: ['c2-small-x86'] }, recorded, 'storage/drives')).toThrow(/plan c2-small-x86 has a single drive \(1 × 500 GB SSD\)/);
  });

  it('accepts a two-drive plan', () => {
    expect(checkDrives({ plans: ['c3-small-x86'] }, catalog, 'storage/drives')).toEqual({ drives: [{ plan: 'c3-small-x86', count: 2, summary: '2 × 1.9 TB NVME' }] });
  });
});

describe('the plan shows each worker\'s disk', () => {
  it('even when nothing changes, in the terminal and in the pull-request comment', async () => {
    const { renderPlanHuman } = await import('../../src/cli/render/plan-human.js');
    const { renderPlanMarkdown } = await import('../../src/cli/render/plan-markdown.js');
    const { summarize, PLAN_FORMAT_VERSION } = await import('../../src/planner/plan.js');
    type PlanJson = import('../../src/planner/plan.js').Plan;
    const why = `${link('A2')}: /dev/nvme1n1 (serial A2, 1.9 TB, ${MODEL}, nvme): the only disk besides the install disk that matches type nvme`;
    const steps = [{ id: 'storage/disk/worker-0', kind: 'storage.disk', phase: 'post-install' as const, node: 'worker-0', dependsOn: [], action: 'noop' as const, reason: why, fields: [], destructive: false, notes: [], observed: 'present' as const, fingerprint: 'f' }];
    const plan = { formatVersion: PLAN_FORMAT_VERSION, tool: { name: 'cto' as const, version: '0' }, cluster: 'c', specFile: 'c.yaml', specHash: 'h', observedFingerprint: 'o', createdAt: '2026-12-07T00:00:00Z', allowDestroy: false, steps, summary: summarize(steps) } as PlanJson;
    expect(renderPlanHuman(plan, { color: false })).toContain(`Mayastor disk of worker-0: ${why}`);
    expect(renderPlanMarkdown(plan)).toContain(`Mayastor disk of worker-0: ${why}`);
  });
});
