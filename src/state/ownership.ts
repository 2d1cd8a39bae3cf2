/**
 * Labels that mark what `cto` applied, so a later run can prune what it no longer renders; the
 * Kubernetes state backend marks its Secrets and Leases the same way.
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'cto';
/** Several clusters' objects can share one API server (a management cluster, the test world): pruning must stay within one. */
export const CLUSTER_LABEL = 'cto.dev/cluster';
