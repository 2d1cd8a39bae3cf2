/** Names and addresses every Argo CD object of the tree shares. */
export const ARGOCD_NAMESPACE = 'argocd';
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
export const APPLICATION_API_VERSION = 'argoproj.io/v1alpha1';
/** Deleting a child Application deletes what it deployed (cascade), as the app-of-apps pattern expects. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const PLATFORM_PROJECT = 'platform';

/** Retry a failed sync with backoff: a chart's CRDs and the objects using them often land a few seconds apart. */
export const SYNC_RETRY = { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } as const;

/** Pod Security Admission labels that let privileged pods (io-engine, csi-node) run in a namespace. */
export const PRIVILEGED_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'privileged',
  'pod-security.kubernetes.io/audit': 'privileged',
  'pod-security.kubernetes.io/warn': 'privileged',
};
