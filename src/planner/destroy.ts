import type { Cluster } from '../spec/types.gen.js';
import { buildGraph, kubeconfigEntry, privateNetworkSteps, type CompiledGraph } from './compile.js';
import { retiredNodes } from './nodes.js';
import type { Step } from './step.js';
import { teardownSteps } from './teardown.js';
import { addr } from './address.js';

export interface DestroyOptions {
  /**
   * Whether the cluster's API answers. When it does not, DiskPools and Nodes cannot be removed
   * (nor do they matter: they die with the cluster), so the teardown goes straight to the Talos
   * reset and the server; a dead API must never keep servers running and billed.
   */
  kubernetes: boolean;
}

/**
 * `cto destroy`: the teardown of every node that still has a server, the build-up in reverse
 * (DiskPool, Node, Talos reset, server) with the same step ids and kinds as a scale-in. Control
 * planes are reset only after every Node is gone: the API they serve is what the drains use.
 * Last, once every server is gone, `kubeconfig` takes the cluster's context out of the user's
 * kubeconfig: a destroy that fails half-way leaves the user able to reach what is left, and the
 * next `cto destroy` still finds the context (the step is there even when no server is left).
 */
export function compileDestroy(cluster: Cluster, liveHostnames: string[], opts: DestroyOptions): CompiledGraph {
  const nobody: Cluster = { ...cluster, spec: { ...cluster.spec, nodes: { controlPlane: { ...cluster.spec.nodes.controlPlane, count: 0 }, workers: { ...cluster.spec.nodes.workers, count: 0 } } } };
  const nodes = retiredNodes(nobody, liveHostnames);
  const mayastor = cluster.spec.storage?.mayastor !== undefined;
  const steps: Step[] = [];
  const kubeSteps = opts.kubernetes ? nodes.map((n) => addr.node(n.name)) : [];
  const network = privateNetworkSteps(cluster);
  for (const n of nodes) {
    const resetAfter = n.role === 'controlplane' ? kubeSteps.filter((id) => id !== addr.node(n.name)) : [];
    steps.push(...teardownSteps(n, { mayastor, kubernetes: opts.kubernetes, after: [], wholeCluster: { resetAfter }, vlan: network.vlan !== undefined }));
  }
  // The VLAN and the firewall go last: Latitude refuses to delete a VLAN that still has servers on it.
  const servers = nodes.map((n) => addr.server(n.name));
  if (network.vlan) steps.push({ id: addr.network, kind: 'latitude.network.retire', phase: 'infrastructure', dependsOn: servers, desired: { cluster: cluster.metadata.name, what: 'network' } });
  if (network.firewall) steps.push({ id: addr.firewall, kind: 'latitude.network.retire', phase: 'infrastructure', dependsOn: servers, desired: { cluster: cluster.metadata.name, what: 'firewall' } });
  steps.push({ id: addr.kubeconfig, kind: 'kubeconfig.unmerge', phase: 'post-install', dependsOn: nodes.map((n) => addr.server(n.name)), desired: kubeconfigEntry(cluster) });
  return buildGraph(steps);
}
