import type { DiskSelector } from './types.gen.js';

/** What a disk field of the spec names. */
export type DiskRef =
  | { kind: 'link'; path: string }
  | { kind: 'kernel'; path: string }
  | { kind: 'selector'; selector: DiskSelector }
  | { kind: 'other'; path: string };

/**
 * The links Mayastor ≥ 2.9 accepts as persistent, as its control plane's `DEVLINK_REGEX`
 * (utils/utils-lib/src/constants.rs; the cases in utils/utils-lib/src/disk.rs's test, plus
 * `/dev/zvol` since openebs/mayastor-control-plane PR #1009): `/dev/disk/by-{id,path,label,
 * partuuid,partlabel}/<name>`, `/dev/mapper/<name>`, `/dev/zvol/<pool>/<volume>`.
 */
export const PERSISTENT_DEVLINK = /^\/dev\/(disk\/by-(id|path|label|partuuid|partlabel)\/[^/]+|mapper\/[^/]+|zvol\/.+)$/;

/** A kernel device name: one name under /dev (`/dev/nvme1n1`, `/dev/sdb`), which may change between boots. */
const KERNEL_NAME = /^\/dev\/[a-z]+[a-z0-9]*$/;

export function diskRef(disk: string | DiskSelector): DiskRef {
  if (typeof disk !== 'string') return { kind: 'selector', selector: disk };
  if (PERSISTENT_DEVLINK.test(disk)) return { kind: 'link', path: disk };
  if (KERNEL_NAME.test(disk)) return { kind: 'kernel', path: disk };
  return { kind: 'other', path: disk };
}

export interface SizeCondition {
  op: '>=' | '<=' | '>' | '<' | '==';
  bytes: number;
  text: string;
}

/** go-humanize's `ParseBytes` units, which Talos' `InstallDiskSizeMatcher` uses: decimal (`TB`) and binary (`TiB`). */
const UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, ki: 2 ** 10, kib: 2 ** 10,
  m: 1e6, mb: 1e6, mi: 2 ** 20, mib: 2 ** 20,
  g: 1e9, gb: 1e9, gi: 2 ** 30, gib: 2 ** 30,
  t: 1e12, tb: 1e12, ti: 2 ** 40, tib: 2 ** 40,
  p: 1e15, pb: 1e15, pi: 2 ** 50, pib: 2 ** 50,
};

/** `>= 1TB` → `{op: '>=', bytes: 1e12}`; undefined when Talos' parser would refuse it. */
export function parseSizeCondition(text: string): SizeCondition | undefined {
  const m = /^\s*(>=|<=|>|<|==)?\s*([0-9][0-9.,]*)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[2]!.replace(/,/g, ''));
  const unit = UNITS[m[3]!.toLowerCase()];
  if (!Number.isFinite(value) || unit === undefined) return undefined;
  return { op: (m[1] ?? '==') as SizeCondition['op'], bytes: Math.floor(value * unit), text: text.trim() };
}

export function sizeConditions(selector: DiskSelector): string[] {
  const size = selector.size;
  return size === undefined ? [] : typeof size === 'string' ? [size] : [...size];
}

export function sizeHolds(c: SizeCondition, bytes: number): boolean {
  switch (c.op) {
    case '>=':
      return bytes >= c.bytes;
    case '<=':
      return bytes <= c.bytes;
    case '>':
      return bytes > c.bytes;
    case '<':
      return bytes < c.bytes;
    case '==':
      return bytes === c.bytes;
  }
}

/** The selector as Talos' `machine.install.diskSelector` writes it. */
export function talosDiskSelector(selector: DiskSelector): Record<string, string> {
  const out: Record<string, string> = {};
  const [size] = sizeConditions(selector);
  if (size !== undefined) out.size = size;
  for (const key of ['model', 'serial', 'type', 'busPath'] as const) if (selector[key] !== undefined) out[key] = selector[key]!;
  return out;
}

/** A short human form: `type nvme, size >= 1TB`. */
export function describeSelector(selector: DiskSelector): string {
  const parts = sizeConditions(selector).map((s) => `size ${s}`);
  for (const key of ['type', 'model', 'serial', 'busPath'] as const) if (selector[key] !== undefined) parts.push(`${key} ${selector[key]}`);
  return parts.join(', ');
}
