import { createHash } from 'node:crypto';
import { CtoError } from '../diagnostics/error.js';
import { dagProblems, topologicalOrder } from '../graph/dag.js';
import { adminRules, clusterNetworkName, type AdminRule } from '../spec/private-network.js';
import type { Cluster } from '../spec/types.gen.js';
import { BOOTSTRAP_NODE, clusterNodes, type ClusterNode } from './nodes.js';
import type { Phase, Step } from './step.js';
import { teardownSteps } from './teardown.js';
import { addr } from './address.js';
import { describeOrder, upgradeOrder, upgradeStepId } from './upgrade-order.js';

/** The steps of a plan; each names its dependencies, which is the whole graph (src/graph/dag.ts). */
export interface CompiledGraph {
  steps: Step[];
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
  add(addr.region, 'latitude.region', 'infrastructure', [], {
    ...(s.region.site ? { site: s.region.site } : {}),
    auto: s.region.auto === true,
    fallback: s.region.auto ? s.region.fallback : [],
    plans: [...plans].map(([plan, count]) => ({ plan, count })),
  });
  add(addr.talosSecrets, 'talos.secrets', 'talos', [], { cluster: cluster.metadata.name, talosVersion: s.talos.version });
  const network = privateNetworkSteps(cluster);
  if (network.vlan) add(addr.network, 'latitude.network', 'infrastructure', [addr.region], network.vlan);
  if (network.firewall) add(addr.firewall, 'latitude.firewall', 'infrastructure', [], network.firewall);
  const controlPlaneServers = nodes.filter((n) => n.role === 'controlplane').map((n) => addr.server(n.name));
  const allServers = nodes.map((n) => addr.server(n.name));

  for (const n of nodes) {
    add(addr.server(n.name), 'latitude.server', 'infrastructure', network.firewall ? [addr.region, addr.firewall] : [addr.region], {
      ...(network.firewall ? { firewall: true } : {}),
      node: n.name,
      hostname: n.hostname,
      role: n.role,
      plan: n.plan,
      billing: s.provider.latitude.billing,
      talosVersion: s.talos.version,
      schematic: s.talos.schematic,
    }, n.name);
    // Every config needs the control planes' addresses (the cluster endpoint, the certificates' SANs);
    // a control plane's ingress firewall behind a DNS endpoint needs every server's (`peerOpenings`).
    const peers = n.role === 'controlplane' && network.firewall && network.vlan && s.controlPlane?.endpoint ? allServers : [];
    const serverDeps = [...new Set([addr.server(n.name), addr.server(BOOTSTRAP_NODE), ...controlPlaneServers, ...peers])];
    if (network.vlan) add(addr.networkAssignment(n.name), 'latitude.network.assignment', 'infrastructure', [addr.server(n.name), addr.network], { node: n.name, hostname: n.hostname }, n.name);
    add(addr.talosConfig(n.name), 'talos.config', 'talos', [...serverDeps, ...(network.vlan ? [addr.networkAssignment(n.name)] : []), addr.talosSecrets], {
      node: n.name,
      hostname: n.hostname,
      role: n.role,
      storage: n.storage,
    }, n.name);
  }
  add(addr.talosBootstrap, 'talos.bootstrap', 'talos', [addr.talosConfig(BOOTSTRAP_NODE)], { node: BOOTSTRAP_NODE });
  add(addr.kubernetesApi, 'kubernetes.api', 'talos', [addr.talosBootstrap], { node: BOOTSTRAP_NODE });
  // A Node turns Ready only once a CNI runs: node/<name> waits for that, so it comes after Cilium.
  for (const n of nodes) {
    add(addr.node(n.name), 'kubernetes.node', 'talos', [addr.talosConfig(n.name), addr.kubernetesApi, addr.platform('cilium')], { node: n.name, hostname: n.hostname, role: n.role }, n.name);
  }

  addUpgrades(add, cluster, nodes);

  add(addr.platform('cilium'), 'platform.cilium', 'platform', [addr.kubernetesApi], {});
  add(addr.platform('bootstrap'), 'platform.bootstrap', 'platform', [addr.kubernetesApi], {});
  add(addr.platform('local-path'), 'platform.local-path', 'platform', [addr.platform('cilium'), addr.platform('bootstrap')], {});
  add(addr.platform('argocd'), 'platform.argocd', 'platform', [addr.platform('cilium'), addr.platform('bootstrap'), addr.platform('local-path')], {});

  if (s.gitops) {
    add(addr.gitopsAppOfApps, 'gitops.app-of-apps', 'gitops', [addr.platform('argocd')], {});
    add(addr.gitopsSync, 'gitops.sync', 'gitops', [addr.gitopsAppOfApps, ...nodes.map((n) => addr.node(n.name))], {});
  }
  const mayastor = s.storage?.mayastor;
  if (mayastor && s.gitops) {
    const storageNodes = nodes.filter((x) => x.storage);
    add(addr.storageDrives, 'storage.drives', 'infrastructure', [], { plans: [...new Set(storageNodes.map((n) => n.plan))] });
    for (const n of storageNodes) {
      const disk = { node: n.name, hostname: n.hostname, disk: mayastor.disk };
      add(addr.storageDisk(n.name), 'storage.disk', 'post-install', [addr.storageDrives, addr.talosConfig(n.name)], disk, n.name);
      add(addr.storagePool(n.name), 'storage.pool', 'post-install', [addr.gitopsSync, addr.node(n.name), addr.storageDisk(n.name)], { node: n.name, hostname: n.hostname }, n.name);
    }
    add(addr.storageClass, 'storage.class', 'post-install', [addr.gitopsSync], {
      name: mayastor.storageClassName,
      replicas: mayastor.replicas,
      default: mayastor.default,
    });
  }
  // After every server (their addresses) and after a retired node's server is gone (it keeps the API while it drains).
  if (network.firewall) {
    const retiredServers = (opts.retired ?? []).map((n) => addr.server(n.name));
    add(addr.firewallPeers, 'latitude.firewall.peers', 'infrastructure', [addr.firewall, ...allServers, ...retiredServers], { name: network.firewall.name });
  }
  for (const n of opts.retired ?? []) steps.push(...teardownSteps(n, { mayastor: s.storage?.mayastor !== undefined, kubernetes: true, after: [addr.kubernetesApi], vlan: network.vlan !== undefined }));
  add(addr.kubeconfig, 'kubeconfig.merge', 'post-install', [addr.kubernetesApi], kubeconfigEntry(cluster));
  return buildGraph(steps);
}

/** The VLAN (`network`) and the firewall, when the spec asks for them: their desired states. */
export function privateNetworkSteps(cluster: Cluster): { vlan?: { cluster: string; subnet: string; vip?: string }; firewall?: { name: string; rules: AdminRule[] } } {
  const p = cluster.spec.network.private;
  return {
    ...(p ? { vlan: { cluster: cluster.metadata.name, subnet: p.subnet, ...(p.vip ? { vip: p.vip } : {}) } } : {}),
    ...(cluster.spec.access?.adminCIDRs ? { firewall: { name: clusterNetworkName(cluster.metadata.name), rules: adminRules(cluster) } } : {}),
  };
}

/**
 * Day-2 steps on running nodes: an etcd snapshot before anything disruptive, each node's in-place
 * Talos upgrade in rolling order (after its config and its Node), then Kubernetes. On a fresh
 * cluster they are no-ops: every node installs the spec's versions.
 */
function addUpgrades(add: (id: string, kind: string, phase: Phase, deps: string[], desired: unknown, node?: string) => void, cluster: Cluster, nodes: ClusterNode[]) {
  const s = cluster.spec;
  const maxUnavailable = s.upgrade?.maxUnavailable ?? 1;
  const order = upgradeOrder(nodes, maxUnavailable);
  const desc = describeOrder(nodes, maxUnavailable);
  // After every server and config: it compares each running node's versions with the spec, and reads which configs need a reboot.
  add(addr.etcdSnapshot, 'talos.etcd-snapshot', 'talos', [addr.kubernetesApi, ...nodes.flatMap((n) => [addr.server(n.name), addr.talosConfig(n.name)])], {
    node: BOOTSTRAP_NODE,
    keep: s.upgrade?.etcdSnapshots ?? 3,
    talosVersion: s.talos.version,
    schematic: s.talos.schematic,
    kubernetesVersion: s.talos.kubernetesVersion,
    specDigest: createHash('sha256').update(JSON.stringify(s)).digest('hex'),
  });
  for (const n of nodes) {
    add(upgradeStepId(n.name), 'talos.upgrade', 'talos', [addr.talosConfig(n.name), addr.etcdSnapshot, ...order.get(n.name)!], {
      node: n.name,
      hostname: n.hostname,
      role: n.role,
      storage: n.storage,
      version: s.talos.version,
      schematic: s.talos.schematic,
      order: desc,
    }, n.name);
  }
  add(addr.kubernetesUpgrade, 'kubernetes.upgrade', 'talos', [addr.etcdSnapshot, ...nodes.map((n) => upgradeStepId(n.name))], {
    version: s.talos.kubernetesVersion,
    nodes: nodes.map((n) => ({ node: n.name, hostname: n.hostname, role: n.role, storage: n.storage })),
  });
}

/** The user's kubeconfig file ('' for `$KUBECONFIG` / `~/.kube/config`) and the context the cluster has in it. */
export function kubeconfigEntry(cluster: Cluster): { path: string; context: string } {
  return { path: cluster.spec.kubeconfig.path ?? '', context: cluster.spec.kubeconfig.context ?? cluster.metadata.name };
}

/** A graph of the steps; refuses duplicate ids and unknown dependencies, and names any cycle. */
export function buildGraph(steps: Step[]): CompiledGraph {
  const problems = dagProblems(steps);
  if (problems.length) {
    throw new CtoError(
      problems.map((p) =>
        p.type === 'cycle'
          ? { severity: 'error', stepId: p.path[0]!, message: `dependency cycle: ${p.path.join(' → ')}` }
          : p.type === 'unknown'
            ? { severity: 'error', stepId: p.id, message: `depends on unknown step "${p.dependency}"` }
            : { severity: 'error', stepId: p.id, message: 'step id used twice' },
      ),
    );
  }
  return { steps };
}

/** Steps in an order that respects every edge, ties broken by compile order so output is stable. */
export function orderedSteps(compiled: CompiledGraph): Step[] {
  return topologicalOrder(compiled.steps);
}
