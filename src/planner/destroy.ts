import type { Cluster } from '../spec/types.gen.js';
import { buildGraph, kubeconfigEntry, type CompiledGraph } from './compile.js';
import { retiredNodes, type ClusterNode } from './nodes.js';
import type { Step } from './step.js';

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
  const kubeSteps = opts.kubernetes ? nodes.map((n) => `node/${n.name}`) : [];
  for (const n of nodes) steps.push(...teardown(n, mayastor, opts.kubernetes, n.role === 'controlplane' ? kubeSteps.filter((id) => id !== `node/${n.name}`) : []));
  steps.push({ id: 'kubeconfig', kind: 'kubeconfig.unmerge', phase: 'post-install', dependsOn: nodes.map((n) => `server/${n.name}`), desired: kubeconfigEntry(cluster) });
  return { steps, graph: buildGraph(steps) };
}

function teardown(n: ClusterNode, mayastor: boolean, kubernetes: boolean, resetAfter: string[]): Step[] {
  const base = { node: n.name, hostname: n.hostname, role: n.role, retire: true };
  const steps: Step[] = [];
  const add = (id: string, kind: string, phase: Step['phase'], dependsOn: string[], desired: unknown) => steps.push({ id, kind, phase, dependsOn, desired, node: n.name });
  let previous: string[] = [];
  if (kubernetes) {
    if (n.storage && mayastor) {
      add(`storage/pool/${n.name}`, 'storage.pool.retire', 'post-install', [], base);
      previous = [`storage/pool/${n.name}`];
    }
    // Every node goes at once: evicted pods would have nowhere to run, so the Nodes are not drained.
    add(`node/${n.name}`, 'kubernetes.node.retire', 'talos', previous, { ...base, drain: false });
    previous = [`node/${n.name}`];
  }
  add(`talos/config/${n.name}`, 'talos.reset', 'talos', [...previous, ...resetAfter], { ...base, storage: n.storage, wholeCluster: true });
  add(`server/${n.name}`, 'latitude.server.retire', 'infrastructure', [`talos/config/${n.name}`], base);
  return steps;
}
