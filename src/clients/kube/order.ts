import type { KubeObject } from './object.js';

/**
 * The order objects are applied in: definitions before what uses them. CRDs
 * come first (then we wait for `Established`), namespaces next, then
 * cluster-wide policy and identities, then workloads. Stable otherwise, so the
 * manifest's own order decides ties.
 */
const RANK: Record<string, number> = {
  CustomResourceDefinition: 0,
  Namespace: 1,
  PriorityClass: 2,
  StorageClass: 2,
  ServiceAccount: 3,
  ClusterRole: 3,
  Role: 3,
  ClusterRoleBinding: 4,
  RoleBinding: 4,
  Secret: 5,
  ConfigMap: 5,
  Service: 6,
};
const WORKLOADS = 7;
/** Webhooks last: a webhook whose backend is not running yet would block the objects after it. */
const LAST: Record<string, number> = { ValidatingWebhookConfiguration: 9, MutatingWebhookConfiguration: 9, APIService: 9 };

export function rankOf(kind: string): number {
  return RANK[kind] ?? LAST[kind] ?? WORKLOADS;
}

export function applyOrder(objects: readonly KubeObject[]): KubeObject[] {
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rankOf(a.o.kind) - rankOf(b.o.kind) || a.i - b.i)
    .map(({ o }) => o);
}
