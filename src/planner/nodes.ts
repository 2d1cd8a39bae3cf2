import type { Cluster } from '../spec/types.gen.js';

export type Role = 'controlplane' | 'worker';

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
  const make = (prefix: string, role: Role, count: number, plan: string, isStorage: boolean) =>
    Array.from({ length: count }, (_, i) => {
      const name = `${prefix}-${i}`;
      return { name, role, plan, hostname: `${cluster.metadata.name}-${name}`, storage: isStorage };
    });
  return [...make('cp', 'controlplane', controlPlane.count, controlPlane.plan, false), ...make('worker', 'worker', workers.count, workers.plan, storage)];
}
