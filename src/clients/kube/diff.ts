import { REDACTED } from '../../spec/secrets.js';
import type { KubeObject } from './object.js';
import type { FieldDiff } from '../../spec/field-diff.js';

/** Fields the API server sets or bumps on every write: never a difference a reviewer should see. */
const SERVER_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink'];
const SERVER_ANNOTATIONS = [
  'deprecated.daemonset.template.generation',
  'deployment.kubernetes.io/revision',
  'kubectl.kubernetes.io/last-applied-configuration',
];

/** The object without server-set bookkeeping and status: what an apply can change. */
export function comparable(o: KubeObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = o;
  const meta: Record<string, unknown> = { ...metadata };
  for (const key of SERVER_METADATA) delete meta[key];
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    for (const key of SERVER_ANNOTATIONS) delete annotations[key];
    if (Object.keys(annotations).length > 0) meta.annotations = annotations;
    else delete meta.annotations;
  }
  return { ...rest, metadata: meta };
}

/**
 * Leaf-by-leaf differences between the live object and what the server says
 * it would become (a dry-run apply result). Both carry the same server
 * defaults, so only what our apply changes shows up. Secret data never leaves
 * this function: its values are replaced by `(sensitive)`.
 */
export function objectFieldDiffs(live: KubeObject, next: KubeObject): FieldDiff[] {
  const before = flatten(comparable(live));
  const after = flatten(comparable(next));
  const secret = next.kind === 'Secret';
  const out: FieldDiff[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const b = before.get(path);
    const a = after.get(path);
    if (sameLeaf(b, a)) continue;
    const sensitive = secret && (path.startsWith('data.') || path.startsWith('stringData.'));
    out.push(
      sensitive
        ? { path, before: b === undefined ? undefined : REDACTED, after: a === undefined ? undefined : REDACTED, sensitive: true }
        : { path, before: b, after: a },
    );
  }
  return out;
}

function sameLeaf(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Dotted leaf paths. Lists whose items all have a distinct `name` are keyed by
 * it (`containers[cilium-agent].image`), so inserting a container does not
 * show every later one as changed.
 */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.set(prefix, []);
      return out;
    }
    const names = value.map((v) => (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? (v as { name: string }).name : undefined));
    const byName = names.every((n) => n !== undefined) && new Set(names).size === names.length;
    value.forEach((v, i) => flatten(v, `${prefix}[${byName ? names[i] : i}]`, out));
    return out;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) {
      out.set(prefix, {});
      return out;
    }
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out.set(prefix, value);
  return out;
}
