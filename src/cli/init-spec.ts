import { CtoError } from '../diagnostics/error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** The original installer's flags (`cto install …`), which `cto init` takes unchanged. */
export interface InitFlags {
  clusterName?: string;
  region?: string;
  autoRegion?: boolean;
  fallbackRegions?: string;
  nodes?: number;
  cpPlan?: string;
  workerPlan?: string;
  storageDisk?: string;
  storageReplicas?: number;
  talosVersion?: string;
  /** Minutes, as the original installer took it. */
  syncTimeout?: number;
  profile?: string;
  gitopsRepo?: string;
  /** `spec.network.private.subnet`. */
  privateSubnet?: string;
  /** `spec.access.adminCIDRs`: the flag repeated, or one comma-separated list. */
  adminCidr?: string | string[];
}

/**
 * How `--nodes N` splits: the original installer ran one control plane and N-1 workers; from six
 * nodes on, three control planes keep etcd available through the loss of one.
 */
export function splitNodes(total: number): { controlPlane: number; workers: number } {
  const controlPlane = total >= 6 ? 3 : 1;
  return { controlPlane, workers: Math.max(total - controlPlane, 0) };
}

/**
 * The disk selector for both the install disk and the Mayastor disk: a solid-state disk of 400 GB
 * or more. On the installer's default plan c2-small-x86 it matches the catalog's 500 GB SSD and the
 * 2 × 4 TB NVMe delivered servers report; on two-drive plans (c2-medium-x86 2 × 480 GB SSD,
 * c3-small-x86 2 × 1.9 TB NVMe) Talos installs to the first and Mayastor gets the other.
 */
export const DEFAULT_DISK = '{ type: ssd, size: ">= 400GB" }';
/** The cheapest catalog plan with two NVMe drives: Mayastor needs a drive besides Talos'. */
export const STORAGE_PLAN = 'c3-small-x86';

/**
 * Renders a commented cluster.yaml from the flags. Pure; the result is validated by the caller.
 * `schema` is the JSON Schema's path relative to the spec, for the editor modeline.
 */
export function renderInitSpec(f: InitFlags, schema: string): string {
  const problems: Diagnostic[] = [];
  const flag = (name: string, message: string) => problems.push({ severity: 'error', path: `--${name}`, message });
  const total = f.nodes ?? 2;
  if (!Number.isInteger(total) || total < 1) flag('nodes', `must be a whole number ≥ 1 (got ${String(f.nodes)})`);
  if (f.region && f.autoRegion) flag('region', 'give either --region or --auto-region, not both');
  if (f.syncTimeout !== undefined && (!Number.isInteger(f.syncTimeout) || f.syncTimeout < 1)) flag('sync-timeout', `must be whole minutes ≥ 1 (got ${String(f.syncTimeout)})`);
  if (problems.length) throw new CtoError(problems);

  const { controlPlane, workers } = splitNodes(total);
  const fallback = (f.fallbackRegions ?? 'MIA2,DAL,ASH,LAX').split(',').map((s) => s.trim()).filter(Boolean);
  const region = f.autoRegion
    ? `  region:\n    auto: true                       # first site below with every plan in stock\n    fallback: [${fallback.join(', ')}]\n`
    : `  region:\n    site: ${f.region ?? 'MIA2'}\n`;
  const lines = [
    `# yaml-language-server: $schema=${schema}`,
    '# Written by `cto init`. Review it, commit it, then run `cto plan -f cluster.yaml`.',
    'apiVersion: cto.dev/v1alpha1',
    'kind: Cluster',
    'metadata:',
    `  name: ${f.clusterName ?? 'cto-prod'}`,
    'spec:',
    `  profile: ${f.profile ?? 'standard'}           # standard | minimal | production: defaults for what is left out`,
    '  provider:',
    '    latitude:',
    '      project: ${env:LATITUDE_PROJECT_ID}',
    '      apiKey: ${env:LATITUDE_API_KEY}    # read from the environment, never printed',
    region.trimEnd(),
    '  nodes:',
    `    controlPlane: { count: ${controlPlane}, plan: ${f.cpPlan ?? 'c2-small-x86'} }`,
    `    workers: { count: ${workers}, plan: ${f.workerPlan ?? (workers > 0 ? STORAGE_PLAN : 'c2-small-x86')} }     # workers are the Mayastor storage nodes: two drives each`,
    '  talos:',
    `    version: ${f.talosVersion ?? 'v1.13.9'}`,
    `    installDisk: ${DEFAULT_DISK}     # Talos takes the first such disk of each node`,
    ...networkLines(f),
    '  gitops:',
    `    repoURL: ${f.gitopsRepo ?? 'https://github.com/example/platform.git'}`,
    '    path: infra/gitops                # `cto init --gitops DIR` writes a starter tree',
    '    revision: main',
    ...(f.syncTimeout !== undefined ? [`    syncTimeout: ${f.syncTimeout}m`] : []),
    ...(workers > 0
      ? ['  storage:', '    mayastor:', `      disk: ${f.storageDisk ?? DEFAULT_DISK}     # on each worker the one such disk that is not Talos', wiped for its DiskPool`, ...(f.storageReplicas !== undefined ? [`      replicas: ${f.storageReplicas}`] : [`      replicas: ${Math.min(2, workers)}`])]
      : []),
    '  kubeconfig:',
    `    context: ${f.clusterName ?? 'cto-prod'}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The private network and the admin networks, when their flags are given. */
function networkLines(f: InitFlags): string[] {
  const admin = [f.adminCidr ?? []].flat().flatMap((c) => String(c).split(',')).map((c) => c.trim()).filter(Boolean);
  return [
    ...(f.privateSubnet ? ['  network:', '    private:', `      subnet: ${f.privateSubnet}   # a Latitude VLAN; each node gets a static address in it`] : []),
    ...(admin.length ? ['  access:', `    adminCIDRs: [${admin.join(', ')}]   # only these reach the Talos (50000) and Kubernetes (6443) APIs`] : []),
  ];
}
