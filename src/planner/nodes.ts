import { nodeHostname, nodeName, type NodeRole } from '../spec/hostname.js';
import type { Cluster } from '../spec/types.gen.js';

export type Role = NodeRole;

export interface ClusterNode {
  /** `cp-0`, `worker-3`: the name in step ids. */
  name: string;
  role: Role;
  plan: string;
  /** `<cluster>-<name>`: the server hostname and the Kubernetes Node name. */
  hostname: string;
  /** Storage nodes get HugePages, the Mayastor label and a DiskPool. */
  storage: boolean;
}

/** The control-plane node that bootstraps etcd, always the same one (bootstrapping another splits the brain). */
export const BOOTSTRAP_NODE = 'cp-0';

export function clusterNodes(cluster: Cluster): ClusterNode[] {
  const { controlPlane, workers } = cluster.spec.nodes;
  const storage = cluster.spec.storage?.mayastor !== undefined;
  const make = (role: Role, count: number, plan: string, isStorage: boolean) =>
    Array.from({ length: count }, (_, i) => {
      const name = nodeName(role, i);
      return { name, role, plan, hostname: nodeHostname(cluster.metadata.name, name), storage: isStorage };
    });
  return [...make('controlplane', controlPlane.count, controlPlane.plan, false), ...make('worker', workers.count, workers.plan, storage)];
}

/**
 * Nodes that still have a server but are no longer in the spec (the worker count went down):
 * they get teardown steps. Only our own naming scheme counts, so a stranger's server never does.
 */
export function retiredNodes(cluster: Cluster, liveHostnames: string[]): ClusterNode[] {
  const wanted = new Set(clusterNodes(cluster).map((n) => n.hostname));
  const prefix = `${cluster.metadata.name}-`;
  const storage = cluster.spec.storage?.mayastor !== undefined;
  return liveHostnames
    .filter((h) => h.startsWith(prefix) && !wanted.has(h))
    .map((hostname) => ({ hostname, name: hostname.slice(prefix.length) }))
    .filter(({ name }) => /^(cp|worker)-\d+$/.test(name))
    .map(({ hostname, name }) => {
      const role: Role = name.startsWith('cp-') ? 'controlplane' : 'worker';
      return { name, role, hostname, plan: '', storage: storage && role === 'worker' };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
