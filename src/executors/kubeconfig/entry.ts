import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';

/** What one context of a kubeconfig needs: its cluster, its user, and its default namespace. */
export interface KubeconfigEntry {
  /** The name of the context and of its cluster and user entries. */
  name: string;
  cluster: Record<string, unknown>;
  user: Record<string, unknown>;
  namespace?: string;
}

/** The named entries of a kubeconfig (`clusters[].name` …) and its current context, as plain data. */
export interface NamedEntries {
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown>;
  context?: Record<string, unknown>;
  currentContext?: string;
}

interface KubeconfigShape {
  clusters?: { name?: unknown; cluster?: unknown }[];
  users?: { name?: unknown; user?: unknown }[];
  contexts?: { name?: unknown; context?: unknown }[];
  'current-context'?: unknown;
}

/** Parses a kubeconfig; a file that is not YAML, or not a map, is an error naming the file. */
export function parseKubeconfig(text: string, file: string): KubeconfigShape {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    throw new CtoError({
      severity: 'error',
      file,
      message: `${file} is not valid YAML: ${error.message.split('\n')[0]}`,
      hint: 'fix or move the file; cto edits kubeconfig files in place and will not overwrite one it can not read',
    });
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CtoError({ severity: 'error', file, message: `${file} is not a kubeconfig (its top level is not a map)` });
  }
  return value as KubeconfigShape;
}

const findNamed = <T extends { name?: unknown }>(list: unknown, name: string): T | undefined =>
  Array.isArray(list) ? (list as T[]).find((item) => item && typeof item === 'object' && item.name === name) : undefined;

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function namedEntries(config: KubeconfigShape, name: string): NamedEntries {
  const current = config['current-context'];
  return {
    cluster: asRecord(findNamed<{ name?: unknown; cluster?: unknown }>(config.clusters, name)?.cluster),
    user: asRecord(findNamed<{ name?: unknown; user?: unknown }>(config.users, name)?.user),
    context: asRecord(findNamed<{ name?: unknown; context?: unknown }>(config.contexts, name)?.context),
    ...(typeof current === 'string' ? { currentContext: current } : {}),
  };
}

/**
 * The admin entry of the cluster's own kubeconfig (written by talosctl as
 * `admin@<cluster>`), renamed to `name` for the user's file.
 */
export function adminEntry(text: string, file: string, name: string): KubeconfigEntry {
  const config = parseKubeconfig(text, file);
  const contexts = Array.isArray(config.contexts) ? config.contexts : [];
  const current = config['current-context'];
  const chosen =
    typeof current === 'string' && current !== '' ? findNamed<{ name?: unknown; context?: unknown }>(contexts, current) : contexts[0];
  const ctx = asRecord(chosen?.context);
  const cluster = typeof ctx?.cluster === 'string' ? asRecord(findNamed<{ name?: unknown; cluster?: unknown }>(config.clusters, ctx.cluster)?.cluster) : undefined;
  const user = typeof ctx?.user === 'string' ? asRecord(findNamed<{ name?: unknown; user?: unknown }>(config.users, ctx.user)?.user) : undefined;
  if (!ctx || !cluster || typeof cluster.server !== 'string' || !user) {
    throw new CtoError({
      severity: 'error',
      file,
      message: `${file} has no usable context (a context whose cluster has a server and whose user exists)`,
      hint: 'remove it and run `cto apply` again so kubernetes/api fetches a fresh one from the cluster',
    });
  }
  return { name, cluster, user, ...(typeof ctx.namespace === 'string' ? { namespace: ctx.namespace } : {}) };
}

/** The context object our entry writes. */
export function contextOf(entry: KubeconfigEntry): Record<string, unknown> {
  return { cluster: entry.name, user: entry.name, ...(entry.namespace !== undefined ? { namespace: entry.namespace } : {}) };
}

/** A short, stable digest of an entry, so observations can compare credentials without carrying them. */
export function fingerprint(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
