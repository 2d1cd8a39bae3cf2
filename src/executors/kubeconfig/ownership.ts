import { fingerprint, type KubeconfigEntry, type NamedEntries } from './entry.js';
import type { ListName } from './splice.js';

/** Which of the entries named for the cluster in a user's kubeconfig cto merged, and may take out again. */
export interface Ownership {
  /** The lists whose item named for the cluster is cto's. */
  lists: ListName[];
  /** `current-context` names the context that goes. */
  currentContext: boolean;
  /** Same-named entries that stay, each with why (for the plan). */
  kept: string[];
}

/**
 * Pure. The merge writes a cluster, a user and a context under one name, the cluster with the
 * server and certificate authority of the cluster's own admin kubeconfig (`admin`, from the state
 * folder). A same-named cluster entry with that server and CA is therefore cto's, and so are the
 * user beside it and the context that uses it. A cluster entry that points elsewhere means the
 * name is someone else's: nothing is taken. Without a cluster entry, only a user that holds
 * exactly this cluster's admin credentials is recognised.
 */
export function ownership(found: NamedEntries, name: string, admin: KubeconfigEntry | undefined): Ownership {
  const present: ListName[] = [...(found.cluster ? ['clusters' as const] : []), ...(found.user ? ['users' as const] : []), ...(found.context ? ['contexts' as const] : [])];
  if (present.length === 0) return { lists: [], currentContext: false, kept: [] };
  const none = (why: string): Ownership => ({ lists: [], currentContext: false, kept: [`context "${name}" is left alone: ${why}`] });
  if (!admin) return none("the state folder has no admin kubeconfig of this cluster to recognise it by");
  const wanted = admin.cluster;
  if (found.cluster) {
    if (found.cluster.server !== wanted.server) {
      return none(`its cluster points at ${typeof found.cluster.server === 'string' ? found.cluster.server : 'no server'}, not at this cluster's API ${String(wanted.server)}`);
    }
    if (fingerprint(found.cluster['certificate-authority-data']) !== fingerprint(wanted['certificate-authority-data'])) {
      return none(`its cluster has another certificate authority than this cluster's API ${String(wanted.server)}`);
    }
  } else if (!found.user || fingerprint(found.user) !== fingerprint(admin.user)) {
    return none("it has no cluster entry, and no user holding this cluster's admin credentials");
  }
  const usesOurs = found.context?.cluster === name;
  const lists = present.filter((l) => l !== 'contexts' || usesOurs);
  return {
    lists,
    currentContext: usesOurs && found.currentContext === name,
    kept: found.context && !usesOurs ? [`context "${name}" is left alone: it uses cluster "${String(found.context.cluster)}", not "${name}"`] : [],
  };
}
