import { contextOf, fingerprint, type KubeconfigEntry, type NamedEntries } from './entry.js';

/** Digests of a cluster/user/context triple: enough to compare, nothing to leak. */
export interface EntryDigest {
  server?: string;
  /** Fingerprint of `certificate-authority-data` (public, but long). */
  ca?: string;
  cluster?: string;
  user?: string;
  context?: string;
}

/** What `kubeconfig` observes: the user's file as it is, and the cluster's admin entry it should hold. */
export interface KubeconfigObserved {
  file: string;
  context: string;
  /** Our entries in the user's file; undefined fields are missing. */
  current: EntryDigest & { isCurrentContext: boolean };
  /** The same, from the cluster's own kubeconfig. */
  wanted: EntryDigest;
}

export function digestOfEntry(entry: KubeconfigEntry): EntryDigest {
  return digest({ cluster: entry.cluster, user: entry.user, context: contextOf(entry) });
}

export function digest(e: NamedEntries): EntryDigest {
  const ca = e.cluster?.['certificate-authority-data'];
  return {
    ...(typeof e.cluster?.server === 'string' ? { server: e.cluster.server } : {}),
    ...(typeof ca === 'string' ? { ca: fingerprint(ca) } : {}),
    ...(e.cluster ? { cluster: fingerprint(e.cluster) } : {}),
    ...(e.user ? { user: fingerprint(e.user) } : {}),
    ...(e.context ? { context: fingerprint(e.context) } : {}),
  };
}
