import type { NodeBlockDevices, NodeDisk } from '../../clients/talos/block.js';
import { describeSelector, diskRef, parseSizeCondition, sizeConditions, sizeHolds, type DiskRef } from '../../spec/disk.js';
import type { DiskPath, DiskSelector } from '../../spec/types.gen.js';

/** Below this a "disk" is virtual media or a boot module, never a data disk worth a pool. */
export const MIN_POOL_DISK_BYTES = 10 * 2 ** 30;

/**
 * Partition labels the Talos installer and machined create on the system disk (installer
 * `getPartitionOptions`: EFI or BIOS+BOOT, META; machined's system volumes: STATE, EPHEMERAL,
 * IMAGECACHE). A disk holding one is Talos' own.
 */
export const TALOS_PARTITION_LABELS = new Set(['EFI', 'BIOS', 'BOOT', 'META', 'STATE', 'EPHEMERAL', 'IMAGECACHE']);

/** A kernel name resolved earlier, kept in the state folder so that it never silently changes. */
export interface RecordedDisk {
  spec: string;
  /** The Latitude server it was resolved on: a replaced server is a new machine, resolved afresh. */
  server: string;
  link: string;
  serial: string;
  model: string;
  size: number;
  resolvedAt: string;
}

export interface DiskChoice {
  /** What the DiskPool gets: a persistent link. */
  link: string;
  devPath: string;
  serial: string;
  model: string;
  size: number;
  /** Why this disk, for the plan. */
  why: string;
  /** A kernel name resolved now, to be recorded by apply. */
  record?: RecordedDisk;
  notes: string[];
}

export type DiskChoiceResult = { ok: true; choice: DiskChoice } | { ok: false; message: string; candidates: string[] };

/** `nvme1n1 (serial S64…, 1.9 TB, SAMSUNG MZQL21T9HCJR-00A07, nvme)`. */
export function describeDisk(d: NodeDisk): string {
  return `${d.devPath} (serial ${d.serial || 'none'}, ${prettySize(d.size)}, ${d.model || 'no model'}, ${d.transport || 'no transport'})`;
}

/** Decimal units, as Talos' `pretty_size` (go-humanize `Bytes`). */
export function prettySize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** ryanuber/go-glob, which Talos' CEL `glob()` uses: `*` matches any run of characters, nothing else is special. */
export function glob(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  if (!value.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const i = value.indexOf(part, at);
    if (i < 0) return false;
    at = i + part.length;
  }
  const last = parts[parts.length - 1]!;
  return value.length - last.length >= at && value.endsWith(last);
}

/**
 * Talos' `InstallConfig.DiskMatchExpression` (pkg/machinery/config/types/v1alpha1/v1alpha1_provider.go):
 * size, globs on model/serial/bus path, the type as transport or rotational, and never a disk
 * without a transport, a read-only disk or a CD-ROM.
 */
export function selectorMatches(s: DiskSelector, d: NodeDisk): boolean {
  for (const text of sizeConditions(s)) {
    const c = parseSizeCondition(text);
    if (!c || !sizeHolds(c, d.size)) return false;
  }
  if (s.model !== undefined && !glob(s.model, d.model)) return false;
  if (s.serial !== undefined && !glob(s.serial, d.serial)) return false;
  if (d.transport === '') return false;
  if (s.type === 'nvme' && d.transport !== 'nvme') return false;
  if (s.type === 'sd' && d.transport !== 'mmc') return false;
  if (s.type === 'hdd' && !d.rotational) return false;
  if (s.type === 'ssd' && d.rotational) return false;
  if (s.busPath !== undefined && !glob(s.busPath, d.busPath)) return false;
  return !d.readonly && !d.cdrom;
}

/** Talos' `EvalSymlinks` of a configured path: the disk whose device path or one of whose links it is. */
function diskAt(devices: NodeBlockDevices, path: string): NodeDisk | undefined {
  return devices.disks.find((d) => d.devPath === path || d.symlinks.includes(path));
}

/**
 * The system disk: once installed, the disk holding the META partition (Talos'
 * SystemDiskController); before, the disk the install would pick from the config (the
 * installer's `Install` task: the first disk a selector matches, in the node's disk order, else the path).
 */
export function installDiskOf(devices: NodeBlockDevices, installDisk: DiskPath | DiskSelector): NodeDisk | undefined {
  const meta = devices.volumes.find((v) => v.partitionLabel === 'META' && v.parent);
  if (meta) return devices.disks.find((d) => d.id === meta.parent);
  if (typeof installDisk !== 'string') return [...devices.disks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).find((d) => selectorMatches(installDisk, d));
  return diskAt(devices, installDisk);
}

/**
 * The link the DiskPool gets: the by-id link udev derives from the model and serial
 * (`nvme-<model>_<serial>[_<nsid>]`, `ata-<model>_<serial>`; systemd 60-persistent-storage.rules),
 * the namespace-qualified one first (the bare one "might get overridden on adding a new nvme
 * controller"); then any other by-id link; then by-path.
 */
export function persistentLink(d: NodeDisk): string | undefined {
  const byId = d.symlinks.filter((l) => l.startsWith('/dev/disk/by-id/'));
  const withSerial = d.serial ? byId.filter((l) => l.includes(d.serial)) : [];
  const nsid = withSerial.filter((l) => /_\d+$/.test(l));
  return nsid[0] ?? withSerial[0] ?? byId[0] ?? d.symlinks.find((l) => l.startsWith('/dev/disk/by-path/'));
}

/** Why a disk can never hold the pool, if it cannot. */
function exclusion(d: NodeDisk, install: NodeDisk | undefined, talosOwned: Set<string>): string | undefined {
  if (install && d.id === install.id) return 'the Talos install disk';
  if (talosOwned.has(d.id)) return 'holds a Talos partition';
  if (d.size < MIN_POOL_DISK_BYTES) return 'smaller than 10 GiB';
  if (d.readonly) return 'read-only';
  if (d.cdrom) return 'a CD-ROM';
  return undefined;
}

export interface ChooseInput {
  devices: NodeBlockDevices;
  /** The server the node runs on (its Latitude id). */
  server: string;
  disk: DiskPath | DiskSelector;
  installDisk: DiskPath | DiskSelector;
  recorded?: RecordedDisk;
  now?: Date;
}

/** Pure: the one disk of this node that the spec's Mayastor disk names, or why there is none. */
export function chooseDisk(input: ChooseInput): DiskChoiceResult {
  const { devices } = input;
  const install = installDiskOf(devices, input.installDisk);
  const talosOwned = new Set(devices.volumes.filter((v) => v.parent && TALOS_PARTITION_LABELS.has(v.partitionLabel)).map((v) => v.parent));
  const why = (d: NodeDisk) => exclusion(d, install, talosOwned);
  const candidates = devices.disks.map((d) => `${describeDisk(d)} ${persistentLink(d) ?? 'without a persistent link'}${why(d) ? `: ${why(d)}` : ''}`);
  const fail = (message: string): DiskChoiceResult => ({ ok: false, message, candidates });
  const chosen = (d: NodeDisk, link: string, because: string, extra: Partial<DiskChoice> = {}): DiskChoiceResult => {
    const excluded = why(d);
    if (excluded) return fail(`${describeDisk(d)} is ${excluded}: Mayastor would wipe it`);
    return { ok: true, choice: { link, devPath: d.devPath, serial: d.serial, model: d.model, size: d.size, why: `${describeDisk(d)}: ${because}`, notes: [], ...extra } };
  };

  const ref: DiskRef = diskRef(input.disk);
  switch (ref.kind) {
    case 'link':
    case 'other': {
      const d = diskAt(devices, ref.path);
      if (!d) return fail(`no disk has the link ${ref.path}`);
      return chosen(d, ref.path, `the disk ${ref.path} links to`);
    }
    case 'selector': {
      const matching = devices.disks.filter((d) => selectorMatches(ref.selector, d));
      const eligible = matching.filter((d) => !why(d));
      const what = describeSelector(ref.selector);
      if (eligible.length !== 1) {
        const counted = eligible.length === 0 ? 'no disk' : `${eligible.length} disks`;
        return fail(`${counted} besides the install disk ${eligible.length === 0 ? 'matches' : 'match'} the selector (${what})`);
      }
      const d = eligible[0]!;
      const link = persistentLink(d);
      if (!link) return fail(`${describeDisk(d)} matches the selector (${what}) but has no /dev/disk/by-id or by-path link`);
      return chosen(d, link, `the only disk besides the install disk that matches ${what}`);
    }
    case 'kernel': {
      const now = devices.disks.find((d) => d.devPath === ref.path);
      if (input.recorded && input.recorded.spec === ref.path && input.recorded.server === input.server) {
        const r = input.recorded;
        const d = diskAt(devices, r.link);
        if (!d) return fail(`the disk recorded for ${ref.path} (${r.link}, serial ${r.serial}) is gone from the node`);
        const notes = now && now.id !== d.id ? [`${ref.path} is now another disk, ${describeDisk(now)}; cto keeps the disk recorded on ${r.resolvedAt}, ${r.link}`] : [];
        return chosen(d, r.link, `recorded for ${ref.path} on ${r.resolvedAt}`, { notes });
      }
      if (!now) return fail(`no disk is named ${ref.path}`);
      const link = persistentLink(now);
      if (!link) return fail(`${describeDisk(now)} has no /dev/disk/by-id or by-path link`);
      const record: RecordedDisk = { spec: ref.path, server: input.server, link, serial: now.serial, model: now.model, size: now.size, resolvedAt: (input.now ?? new Date()).toISOString() };
      return chosen(now, link, `named ${ref.path} on this boot`, {
        record,
        notes: [`kernel name ${ref.path} resolved to ${link}: kernel names can change between boots, so apply records this link and the pool keeps it`],
      });
    }
  }
}
