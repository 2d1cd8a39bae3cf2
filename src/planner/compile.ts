import { alg, Graph } from '@dagrejs/graphlib';
import { CtoError } from '../diagnostics/error.js';
import type { Cluster } from '../spec/types.gen.js';
import { BOOTSTRAP_NODE, clusterNodes, type ClusterNode } from './nodes.js';
import type { Phase, Step } from './step.js';

export interface CompiledGraph {
  steps: Step[];
  /** Edges point from a dependency to its dependent. */
  graph: Graph;
}

/**
 * spec → graph of steps. Pure and deterministic: the same spec gives the same ids in the same order.
 * Edges are the DESIGN table: workers never wait for the control plane where they need not.
 */
export function compile(cluster: Cluster, opts: { retired?: ClusterNode[] } = {}): CompiledGraph {
  const s = cluster.spec;
  const nodes = clusterNodes(cluster);
  const steps: Step[] = [];
  const add = (id: string, kind: string, phase: Phase, dependsOn: string[], desired: unknown, node?: string) =>
    steps.push({ id, kind, phase, dependsOn, desired, ...(node ? { node } : {}) });

  const plans = new Map<string, number>();
  for (const n of nodes) plans.set(n.plan, (plans.get(n.plan) ?? 0) + 1);
  add('region', 'latitude.region', 'infrastructure', [], {
    ...(s.region.site ? { site: s.region.site } : {}),
    auto: s.region.auto === true,
    fallback: s.region.auto ? s.region.fallback : [],
    plans: [...plans].map(([plan, count]) => ({ plan, count })),
  });
  add('talos/secrets', 'talos.secrets', 'talos', [], { cluster: cluster.metadata.name, talosVersion: s.talos.version });

  for (const n of nodes) {
    add(`server/${n.name}`, 'latitude.server', 'infrastructure', ['region'], {
      node: n.name,
      hostname: n.hostname,
      role: n.role,
      plan: n.plan,
      billing: s.provider.latitude.billing,
      talosVersion: s.talos.version,
      schematic: s.talos.schematic,
    }, n.name);
    // Every config needs the control plane's address (the cluster endpoint), so it waits for server/cp-0.
    const serverDeps = [...new Set([`server/${n.name}`, `server/${BOOTSTRAP_NODE}`])];
    add(`talos/config/${n.name}`, 'talos.config', 'talos', [...serverDeps, 'talos/secrets'], {
      node: n.name,
      hostname: n.hostname,
      role: n.role,
      storage: n.storage,
    }, n.name);
  }
  add('talos/bootstrap', 'talos.bootstrap', 'talos', [`talos/config/${BOOTSTRAP_NODE}`], { node: BOOTSTRAP_NODE });
  add('kubernetes/api', 'kubernetes.api', 'talos', ['talos/bootstrap'], { node: BOOTSTRAP_NODE });
  // A Node turns Ready only once a CNI runs: node/<name> waits for that, so it comes after Cilium.
  for (const n of nodes) {
    add(`node/${n.name}`, 'kubernetes.node', 'talos', [`talos/config/${n.name}`, 'kubernetes/api', 'platform/cilium'], { node: n.name, hostname: n.hostname, role: n.role }, n.name);
  }

  add('platform/cilium', 'platform.cilium', 'platform', ['kubernetes/api'], {});
  add('platform/bootstrap', 'platform.bootstrap', 'platform', ['kubernetes/api'], {});
  add('platform/local-path', 'platform.local-path', 'platform', ['platform/cilium', 'platform/bootstrap'], {});
  add('platform/argocd', 'platform.argocd', 'platform', ['platform/cilium', 'platform/bootstrap', 'platform/local-path'], {});

  if (s.gitops) {
    add('gitops/app-of-apps', 'gitops.app-of-apps', 'gitops', ['platform/argocd'], {});
    add('gitops/sync', 'gitops.sync', 'gitops', ['gitops/app-of-apps', ...nodes.map((n) => `node/${n.name}`)], {});
  }
  const mayastor = s.storage?.mayastor;
  if (mayastor && s.gitops) {
    const storageNodes = nodes.filter((x) => x.storage);
    add('storage/drives', 'storage.drives', 'infrastructure', [], { plans: [...new Set(storageNodes.map((n) => n.plan))] });
    for (const n of storageNodes) {
      const disk = { node: n.name, hostname: n.hostname, disk: mayastor.disk };
      add(`storage/disk/${n.name}`, 'storage.disk', 'post-install', ['storage/drives', `talos/config/${n.name}`], disk, n.name);
      add(`storage/pool/${n.name}`, 'storage.pool', 'post-install', ['gitops/sync', `node/${n.name}`, `storage/disk/${n.name}`], { node: n.name, hostname: n.hostname }, n.name);
    }
    add('storage/class', 'storage.class', 'post-install', ['gitops/sync'], {
      name: mayastor.storageClassName,
      replicas: mayastor.replicas,
      default: mayastor.default,
    });
  }
  for (const n of opts.retired ?? []) addTeardown(add, n, s.storage?.mayastor !== undefined);
  add('kubeconfig', 'kubeconfig.merge', 'post-install', ['kubernetes/api'], kubeconfigEntry(cluster));
  return { steps, graph: buildGraph(steps) };
}

/** The user's kubeconfig file ('' for `$KUBECONFIG` / `~/.kube/config`) and the context the cluster has in it. */
export function kubeconfigEntry(cluster: Cluster): { path: string; context: string } {
  return { path: cluster.spec.kubeconfig.path ?? '', context: cluster.spec.kubeconfig.context ?? cluster.metadata.name };
}

/**
 * A node leaving the cluster is torn down in the reverse order it came up: its DiskPool (refused
 * while it holds replicas), then its Node (cordoned, drained, deleted), then Talos (reset), then the
 * server. Each keeps the id it had when the node was built up, so the plan reads `- server/worker-1`;
 * its own kind (`latitude.server.retire`, …) only ever deletes.
 */
function addTeardown(add: (id: string, kind: string, phase: Phase, deps: string[], desired: unknown, node?: string) => void, n: ClusterNode, mayastor: boolean) {
  const base = { node: n.name, hostname: n.hostname, role: n.role, retire: true };
  let previous = 'kubernetes/api';
  if (n.storage && mayastor) {
    add(`storage/pool/${n.name}`, 'storage.pool.retire', 'post-install', [previous], base, n.name);
    previous = `storage/pool/${n.name}`;
  }
  add(`node/${n.name}`, 'kubernetes.node.retire', 'talos', [previous], base, n.name);
  add(`talos/config/${n.name}`, 'talos.reset', 'talos', [`node/${n.name}`], { ...base, storage: n.storage }, n.name);
  add(`server/${n.name}`, 'latitude.server.retire', 'infrastructure', [`talos/config/${n.name}`], base, n.name);
}

/** A graph of the steps; refuses unknown dependencies and names any cycle. */
export function buildGraph(steps: Step[]): Graph {
  const graph = new Graph({ directed: true });
  for (const step of steps) graph.setNode(step.id, step);
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      if (!graph.hasNode(dep)) throw new CtoError({ severity: 'error', stepId: step.id, message: `depends on unknown step "${dep}"` });
      graph.setEdge(dep, step.id);
    }
  }
  const cycles = alg.findCycles(graph);
  if (cycles.length) {
    const cycle = [...cycles[0]!].reverse();
    throw new CtoError({ severity: 'error', stepId: cycle[0]!, message: `dependency cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return graph;
}

/** Steps in an order that respects every edge, ties broken by compile order so output is stable. */
export function orderedSteps(compiled: CompiledGraph): Step[] {
  const index = new Map(compiled.steps.map((s, i) => [s.id, i]));
  const indegree = new Map(compiled.steps.map((s) => [s.id, s.dependsOn.length]));
  const ready = compiled.steps.filter((s) => s.dependsOn.length === 0);
  const out: Step[] = [];
  const dependents = new Map<string, Step[]>();
  for (const s of compiled.steps) for (const d of s.dependsOn) dependents.set(d, [...(dependents.get(d) ?? []), s]);
  while (ready.length) {
    ready.sort((a, b) => index.get(a.id)! - index.get(b.id)!);
    const next = ready.shift()!;
    out.push(next);
    for (const d of dependents.get(next.id) ?? []) {
      indegree.set(d.id, indegree.get(d.id)! - 1);
      if (indegree.get(d.id) === 0) ready.push(d);
    }
  }
  return out;
}
