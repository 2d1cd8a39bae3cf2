import type { ClusterNode } from './nodes.js';
import type { Step } from './step.js';
import { addr } from './address.js';

export interface TeardownOptions {
  mayastor: boolean;
  /** Whether the DiskPool and Node steps are there: not when the cluster API no longer answers. */
  kubernetes: boolean;
  /** What the first step waits for: `kubernetes/api` in a scale-in. */
  after: string[];
  /**
   * The whole cluster goes (`cto destroy`): Nodes are not drained (evicted pods would have nowhere
   * to run) and the Talos reset also waits for `resetAfter` (a control plane, for the other Nodes).
   */
  wholeCluster?: { resetAfter: string[] };
  /** The node's server is on the cluster's VLAN: it leaves it before the server is deleted. */
  vlan?: boolean;
}

/**
 * A node leaving the cluster is torn down in the reverse order it came up: its DiskPool (refused
 * while it holds replicas), then its Node (cordoned, drained, deleted), then Talos (reset), then the
 * server. Each keeps the id it had when the node was built up, so the plan reads `- server/worker-1`;
 * its own kind (`latitude.server.retire`, …) only ever deletes.
 */
export function teardownSteps(n: ClusterNode, o: TeardownOptions): Step[] {
  const base = { node: n.name, hostname: n.hostname, role: n.role, retire: true };
  const whole = o.wholeCluster !== undefined;
  const steps: Step[] = [];
  const add = (id: string, kind: string, phase: Step['phase'], dependsOn: string[], desired: unknown) => steps.push({ id, kind, phase, dependsOn, desired, node: n.name });
  let previous = o.after;
  if (o.kubernetes) {
    if (n.storage && o.mayastor) {
      add(addr.storagePool(n.name), 'storage.pool.retire', 'post-install', previous, base);
      previous = [addr.storagePool(n.name)];
    }
    add(addr.node(n.name), 'kubernetes.node.retire', 'talos', previous, whole ? { ...base, drain: false } : base);
    previous = [addr.node(n.name)];
  }
  add(addr.talosConfig(n.name), 'talos.reset', 'talos', [...previous, ...(o.wholeCluster?.resetAfter ?? [])], { ...base, storage: n.storage, ...(whole ? { wholeCluster: true } : {}) });
  if (o.vlan) add(addr.networkAssignment(n.name), 'latitude.network.assignment.retire', 'infrastructure', [addr.talosConfig(n.name)], base);
  add(addr.server(n.name), 'latitude.server.retire', 'infrastructure', [o.vlan ? addr.networkAssignment(n.name) : addr.talosConfig(n.name)], base);
  return steps;
}
