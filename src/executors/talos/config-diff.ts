import { parseAllDocuments } from 'yaml';
import type { FieldDiff } from '../../spec/field-diff.js';

/**
 * Field-by-field comparison of the config a node runs with the one `cto`
 * renders. Both are multi-document Talos configs; documents are matched by
 * kind (and name), fields by dotted path. Key material never leaves here:
 * those fields are reported as changed and `sensitive`, without values.
 */
export function diffMachineConfigs(running: string, rendered: string): FieldDiff[] {
  const before = documentsByKey(running);
  const after = documentsByKey(rendered);
  const out: FieldDiff[] = [];
  for (const key of sortedKeys(before, after)) {
    const prefix = key === V1ALPHA1 ? '' : `${key}.`;
    const flatBefore = new Map<string, unknown>();
    const flatAfter = new Map<string, unknown>();
    if (before.has(key)) flatten(before.get(key), prefix, flatBefore);
    if (after.has(key)) flatten(after.get(key), prefix, flatAfter);
    for (const path of sortedKeys(flatBefore, flatAfter)) {
      const b = flatBefore.get(path);
      const a = flatAfter.get(path);
      if (same(b, a)) continue;
      if (isSensitivePath(path)) out.push({ path, sensitive: true });
      else out.push({ path, ...(b === undefined ? {} : { before: b }), ...(a === undefined ? {} : { after: a }) });
    }
  }
  return out;
}

/**
 * Paths a running node takes without a reboot (Talos applies them live with
 * `--mode auto`); anything else — install, kernel, disks, the machine type — reboots it.
 */
const LIVE_PREFIXES = [
  'cluster.',
  'machine.network.',
  'machine.nodeLabels.',
  'machine.nodeAnnotations.',
  'machine.nodeTaints.',
  'machine.sysctls.',
  'machine.kubelet.',
  'machine.certSANs',
  'machine.features.kubePrism.',
  'machine.time.',
  'machine.logging.',
  'HostnameConfig.',
];

/** Reviewer notes for a config change: reboots, and HugePages that kubelet only sees after a restart. */
export function configChangeNotes(fields: FieldDiff[]): string[] {
  const notes: string[] = [];
  if (fields.some((f) => !LIVE_PREFIXES.some((p) => f.path.startsWith(p)))) {
    notes.push('node may reboot: some changed fields only take effect after a reboot (applied with --mode auto)');
  }
  if (fields.some((f) => f.path === 'machine.sysctls.vm.nr_hugepages')) {
    notes.push('node may reboot: kubelet reports new HugePages capacity only after it restarts');
  }
  return notes;
}

const V1ALPHA1 = 'v1alpha1';

function documentsByKey(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as unknown;
    if (typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    const key = typeof v.kind === 'string' ? (typeof v.name === 'string' ? `${v.kind}[${v.name}]` : v.kind) : V1ALPHA1;
    out.set(key, value);
  }
  return out;
}

function flatten(value: unknown, path: string, out: Map<string, unknown>): void {
  const base = path.endsWith('.') ? path.slice(0, -1) : path;
  if (Array.isArray(value)) {
    // Lists of scalars read best whole (`podSubnets: [a] → [b]`); lists of objects per item.
    if (value.every((v) => typeof v !== 'object' || v === null)) out.set(base, value);
    else value.forEach((v, i) => flatten(v, `${base}[${i}].`, out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(base, {});
    for (const [k, v] of entries) flatten(v, `${path}${k}.`, out);
    return;
  }
  out.set(base, value);
}

/** Certificates, keys, tokens and secrets anywhere in a Talos config. */
const SENSITIVE_SEGMENT = /^(crt|key|token|secret|ca|aggregatorCA|serviceAccount|acceptedCAs|id)$|(Secret|Token|Key|Keys)$/;

export function isSensitivePath(path: string): boolean {
  return path.split(/[.[\]]+/).some((segment) => SENSITIVE_SEGMENT.test(segment));
}

/**
 * An empty section and a missing one configure the same thing: Talos' config contracts differ that
 * way (v1.12 writes `machine.network: {}`, v1.13 leaves it out), and an upgrade must not see drift.
 */
function same(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}

function sortedKeys<K extends string>(a: Map<K, unknown>, b: Map<K, unknown>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}
