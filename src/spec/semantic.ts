import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { overlaps, parseCidr } from './cidr.js';
import { diskRef, parseSizeCondition, sizeConditions } from './disk.js';
import { parseDuration } from './duration.js';
import { MAX_HOSTNAME_LENGTH, nodeHostname, nodeName } from './hostname.js';
import { networkDiagnostics } from './network-checks.js';
import { formatPath, locate, type SpecPath, type SpecSource } from './source.js';
import type { Cluster } from './types.gen.js';

/** Rules a JSON Schema cannot express. Pure: the spec in, diagnostics out. */
export function semanticDiagnostics(cluster: Cluster, source: SpecSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (path: SpecPath, message: string, hint?: string) =>
    out.push({ severity: 'error', file: source.file, ...locate(source, path), path: formatPath(path), message, ...(hint ? { hint } : {}) });
  const s = cluster.spec;

  const longest = longestHostname(cluster);
  if (longest.length > MAX_HOSTNAME_LENGTH) {
    const room = MAX_HOSTNAME_LENGTH - (longest.length - cluster.metadata.name.length);
    error(
      ['metadata', 'name'],
      `makes node hostname "${longest}" ${longest.length} characters long; Latitude accepts at most ${MAX_HOSTNAME_LENGTH}`,
      room > 0 ? `use a cluster name of at most ${room} characters` : 'use a shorter cluster name or fewer nodes',
    );
  }

  const cp = s.nodes.controlPlane.count;
  if (cp < 1) error(['spec', 'nodes', 'controlPlane', 'count'], `must be at least 1 (got ${cp})`);
  else if (cp % 2 === 0) error(['spec', 'nodes', 'controlPlane', 'count'], `must be odd so etcd keeps quorum (got ${cp})`, `use ${cp - 1} or ${cp + 1}`);
  if (s.profile === 'production' && cp < 3) error(['spec', 'profile'], `profile "production" needs at least 3 control-plane nodes (got ${cp})`);

  for (const [key, text] of [['podCIDR', s.network.podCIDR], ['serviceCIDR', s.network.serviceCIDR]] as const) {
    if (!parseCidr(text)) error(['spec', 'network', key], `"${text}" is not an IPv4 network in CIDR form`, 'e.g. 10.244.0.0/16 (the address must be the first of its block)');
  }
  const pod = parseCidr(s.network.podCIDR);
  const svc = parseCidr(s.network.serviceCIDR);
  if (pod && svc && overlaps(pod, svc)) error(['spec', 'network', 'serviceCIDR'], `overlaps podCIDR ${pod.text}`, 'pick disjoint ranges, e.g. 10.244.0.0/16 and 10.96.0.0/12');

  if (s.gitops && !parseDuration(s.gitops.syncTimeout)) error(['spec', 'gitops', 'syncTimeout'], `"${s.gitops.syncTimeout}" is not a duration`, 'e.g. 30m, 1h, 1h30m');

  const mayastor = s.storage?.mayastor;
  if (mayastor) {
    const workers = s.nodes.workers.count;
    const base: SpecPath = ['spec', 'storage', 'mayastor'];
    if (workers === 0) error(['spec', 'nodes', 'workers', 'count'], 'Mayastor needs at least one worker (workers are the storage nodes)');
    else if (mayastor.replicas > workers)
      error([...base, 'replicas'], `must be ≤ the number of storage nodes, ${workers} (got ${mayastor.replicas})`, `add workers or lower replicas to ${workers}`);
    if (typeof mayastor.disk === 'string' && mayastor.disk === s.talos.installDisk)
      error([...base, 'disk'], `is also the Talos install disk (${s.talos.installDisk})`, 'give Mayastor a separate disk; its pool wipes it');
    if (diskRef(mayastor.disk).kind === 'other')
      error(
        [...base, 'disk'],
        `"${String(mayastor.disk)}" is neither a persistent link Mayastor accepts nor a kernel device name`,
        'use /dev/disk/by-id/…, /dev/disk/by-path/…, a kernel name such as /dev/nvme1n1 (resolved per worker), or a selector such as { type: nvme }',
      );
    if (s.talos.hugepages < 1024)
      error(['spec', 'talos', 'hugepages'], `Mayastor needs at least 1024 HugePages of 2 MiB (got ${s.talos.hugepages})`);
    if (!s.gitops) error(base, 'Mayastor is installed by the GitOps sync: set spec.gitops too', 'run `cto init --gitops DIR` for a starter tree');
  }

  for (const [path, disk] of [[['spec', 'talos', 'installDisk'], s.talos.installDisk], [['spec', 'storage', 'mayastor', 'disk'], mayastor?.disk]] as const) {
    if (disk === undefined || typeof disk === 'string') continue;
    const sizes = sizeConditions(disk);
    sizes.forEach((text, i) => {
      if (!parseSizeCondition(text)) error([...path, 'size', ...(typeof disk.size === 'string' ? [] : [i])], `"${text}" is not a size condition`, 'e.g. ">= 1TB", "< 2TiB", "480GB"');
    });
    if (path[2] === 'installDisk' && sizes.length > 1) error([...path, 'size'], "Talos' machine.install.diskSelector takes one size condition, not a range");
  }

  if (s.region.auto && s.region.fallback.length === 0) error(['spec', 'region', 'fallback'], 'must list at least one site');
  out.push(...networkDiagnostics(cluster, source));
  return out;
}

/** The longest server hostname the spec asks for: the last node of the larger group. */
function longestHostname(cluster: Cluster): string {
  const { controlPlane, workers } = cluster.spec.nodes;
  const last = [
    controlPlane.count > 0 ? nodeName('controlplane', controlPlane.count - 1) : '',
    workers.count > 0 ? nodeName('worker', workers.count - 1) : '',
  ];
  return last
    .filter((n) => n !== '')
    .map((n) => nodeHostname(cluster.metadata.name, n))
    .reduce((a, b) => (b.length > a.length ? b : a), '');
}
