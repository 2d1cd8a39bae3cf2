import { parseTalosVersion } from '../../clients/talos/version.js';
import { talosDiskSelector } from '../../spec/disk.js';
import type { Cluster } from '../../spec/types.gen.js';
import { privateNetworkPatches, type NetworkFacts } from './network-patches.js';

/**
 * Talos machine-config patches (strategic merge), rendered from the spec.
 * Pure: the same spec and node always give the same patches, so a rendered
 * config can be compared with what a node runs.
 */
export type Patch = Record<string, unknown>;

export const KUBEPRISM_PORT = 7445;
/** Mayastor's minimum: 1024 × 2 MiB = 2 GiB for io-engine. */
export const DEFAULT_HUGEPAGES = 1024;
/** io-engine's DaemonSet nodeSelector. */
export const MAYASTOR_NODE_LABEL = { 'openebs.io/engine': 'mayastor' } as const;

export interface NodeRole {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
  storage: boolean;
}

/** The original installer's `with_hugepages()`: 1024 pages. */
export function withHugepages(): Patch {
  return withHugepagesCount(DEFAULT_HUGEPAGES);
}

/** The original installer's `with_hugepages_count(n)`. Talos sysctl values are strings. */
export function withHugepagesCount(count: number): Patch {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`hugepages must be a non-negative integer, got ${count}`);
  return { machine: { sysctls: { 'vm.nr_hugepages': String(count) } } };
}

/** Cilium owns pod networking and service load-balancing: no Talos CNI, no kube-proxy. */
export function withCiliumNetworking(): Patch {
  return { cluster: { network: { cni: { name: 'none' } }, proxy: { disabled: true } } };
}

/** The original installer's `with_mayastor_ready()`: CNI none for Cilium plus HugePages. */
export function withMayastorReady(hugepages = DEFAULT_HUGEPAGES): Patch {
  return mergePatches(withCiliumNetworking(), withHugepagesCount(hugepages));
}

/** Every node: Cilium networking, KubePrism, the cluster's CIDRs, local-path's directory, the install disk selector. */
export function commonPatch(spec: Cluster): Patch {
  return mergePatches(withCiliumNetworking(), localPathMount(), installDiskPatch(spec), {
    machine: { features: { kubePrism: { enabled: true, port: KUBEPRISM_PORT } } },
    cluster: { network: { podSubnets: [spec.spec.network.podCIDR], serviceSubnets: [spec.spec.network.serviceCIDR] } },
  });
}

/**
 * `/var/local` visible to the kubelet, on every node: local-path-provisioner puts a volume on
 * whichever node its first consumer is scheduled to (Argo CD's and Mayastor's etcd among them),
 * and any node that runs pods can be that node. Mayastor's io-engine directories live there too.
 */
export function localPathMount(): Patch {
  return { machine: { kubelet: { extraMounts: [{ destination: '/var/local', type: 'bind', source: '/var/local', options: ['bind', 'rshared', 'rw'] }] } } };
}

/** A selector install disk as Talos' `machine.install.diskSelector` (a path goes to `gen config --install-disk`). */
export function installDiskPatch(spec: Cluster): Patch {
  const disk = spec.spec.talos.installDisk;
  return typeof disk === 'string' ? {} : { machine: { install: { diskSelector: talosDiskSelector(disk) } } };
}

/** Control planes: exempt `openebs` from PodSecurity (io-engine is privileged and uses hostNetwork). */
export function controlPlanePatch(): Patch {
  return {
    cluster: {
      apiServer: {
        admissionControl: [
          {
            name: 'PodSecurity',
            configuration: {
              apiVersion: 'pod-security.admission.config.k8s.io/v1beta1',
              kind: 'PodSecurityConfiguration',
              exemptions: { namespaces: ['openebs'] },
            },
          },
        ],
      },
    },
  };
}

/** Storage (Mayastor) nodes: HugePages and the io-engine label. */
export function storagePatch(hugepages: number): Patch {
  return mergePatches(hugepages > 0 ? withHugepagesCount(hugepages) : {}, { machine: { nodeLabels: { ...MAYASTOR_NODE_LABEL } } });
}

/**
 * A static hostname, the way Talos' own `WithStaticHostname` does it: from
 * the v1.12 contract on, a `HostnameConfig` document (the v1alpha1 field is
 * gone from the schema); before, `machine.network.hostname`.
 */
export function hostnamePatch(talosVersion: string, hostname: string): Patch {
  if (multidocNetwork(talosVersion)) return { apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'off', hostname };
  return { machine: { network: { hostname } } };
}

/**
 * Every patch for one node, in the order they are applied: what `cto`
 * renders, then the user's raw patches (all, then the node's role).
 */
export function nodePatches(spec: Cluster, node: NodeRole, facts: NetworkFacts = {}): Patch[] {
  const talos = spec.spec.talos;
  const patches: Patch[] = [commonPatch(spec)];
  if (node.role === 'controlplane') patches.push(controlPlanePatch());
  if (node.storage) patches.push(storagePatch(talos.hugepages));
  patches.push(hostnamePatch(talos.version, node.hostname));
  patches.push(...privateNetworkPatches(spec, node, facts));
  patches.push(...(talos.patches.all as Patch[]));
  patches.push(...((node.role === 'controlplane' ? talos.patches.controlPlane : talos.patches.workers) as Patch[]));
  return patches;
}

/** The Image Factory installer for the spec's schematic, the same one iPXE booted. */
export function installerImage(spec: Cluster): string {
  return `factory.talos.dev/installer/${spec.spec.talos.schematic}:${spec.spec.talos.version}`;
}

function multidocNetwork(talosVersion: string): boolean {
  const v = parseTalosVersion(talosVersion);
  return v !== undefined && (v.major > 1 || v.minor >= 12);
}

/** Deep merge of plain objects (later wins, arrays appended), for combining builders into one patch. */
export function mergePatches(...patches: Patch[]): Patch {
  const out: Patch = {};
  for (const p of patches) mergeInto(out, p);
  return out;
}

function mergeInto(target: Patch, source: Patch): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) mergeInto(current, value);
    else if (Array.isArray(current) && Array.isArray(value)) target[key] = [...current, ...value];
    else target[key] = isPlainObject(value) ? mergePatches(value) : Array.isArray(value) ? [...value] : value;
  }
}

function isPlainObject(v: unknown): v is Patch {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
