import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { overlaps, parseCidr } from './cidr.js';
import { nodeName } from './hostname.js';
import { hostCount, parseIpv4, privateAddress } from './private-network.js';
import { formatPath, locate, type SpecPath, type SpecSource } from './source.js';
import type { Cluster } from './types.gen.js';

const CIDR_HINT = 'an IPv4 network in CIDR form, e.g. 10.8.0.0/24 (the address must be the first of its block)';

/** The private network, the cluster endpoint and the admin networks: refusals, and warnings a plan repeats. */
export function networkDiagnostics(cluster: Cluster, source: SpecSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: 'error' | 'warning', path: SpecPath, message: string, hint?: string) =>
    out.push({ severity, file: source.file, ...locate(source, path), path: formatPath(path), message, ...(hint ? { hint } : {}) });
  const s = cluster.spec;
  const cp = s.nodes.controlPlane.count;
  const workers = s.nodes.workers.count;

  const p = s.network.private;
  const base: SpecPath = ['spec', 'network', 'private'];
  const subnet = p ? parseCidr(p.subnet) : undefined;
  if (p && !subnet) report('error', [...base, 'subnet'], `"${p.subnet}" is not an IPv4 network in CIDR form`, CIDR_HINT);
  if (p && subnet) {
    for (const key of ['podCIDR', 'serviceCIDR'] as const) {
      const other = parseCidr(s.network[key]);
      if (other && overlaps(subnet, other)) report('error', [...base, 'subnet'], `overlaps ${key} ${other.text}`, 'pick a private subnet outside the pod and service networks, e.g. 10.8.0.0/24');
    }
    const hosts = hostCount(subnet);
    const needed = cp + workers + (p.vip ? 1 : 0);
    if (needed > hosts) {
      report('error', [...base, 'subnet'], `has ${hosts} host addresses, fewer than the ${cp + workers} nodes${p.vip ? ' and the VIP' : ''} need (${needed})`, 'use a larger subnet, e.g. a /24');
    }
    if (p.vip !== undefined) {
      const vip = parseIpv4(p.vip);
      if (vip === undefined) report('error', [...base, 'vip'], `"${p.vip}" is not an IPv4 address`, 'e.g. 10.8.0.100');
      else if (vip <= subnet.start || vip >= subnet.end) report('error', [...base, 'vip'], `${p.vip} is not a host address of the private subnet ${subnet.text}`, 'pick an address inside the subnet that no node uses');
      else {
        const taken = [
          ...Array.from({ length: cp }, (_, i) => [nodeName('controlplane', i), privateAddress(subnet, 'controlplane', i)] as const),
          ...Array.from({ length: workers }, (_, i) => [nodeName('worker', i), privateAddress(subnet, 'worker', i)] as const),
        ].find(([, address]) => address === p.vip);
        if (taken) report('error', [...base, 'vip'], `${p.vip} is the private address of ${taken[0]}`, `control planes are numbered from the first address up and workers from the last down; pick another address of ${subnet.text}`);
      }
    }
  }

  const admin = s.access?.adminCIDRs;
  admin?.forEach((text, i) => {
    const path: SpecPath = ['spec', 'access', 'adminCIDRs', i];
    const cidr = parseCidr(text);
    if (!cidr) report('error', path, `"${text}" is not an IPv4 network in CIDR form`, 'e.g. 203.0.113.7/32 for one address, 203.0.113.0/24 for a network');
    else if (cidr.start === 0 && cidr.end === 2 ** 32 - 1) {
      report('warning', path, '0.0.0.0/0 lets the whole internet reach the Talos API (50000) and the Kubernetes API (6443)', 'list the networks your administrators and CI work from');
    }
  });
  if (admin && !p) {
    report('error', ['spec', 'access', 'adminCIDRs'], 'the firewall opens the cluster ports to the private network only: set spec.network.private.subnet too', 'e.g. network: { private: { subnet: 10.8.0.0/24 } }');
  }

  if (cp > 1 && !s.controlPlane?.endpoint && !p?.vip) {
    report(
      'warning',
      ['spec', 'nodes', 'controlPlane', 'count'],
      `${cp} control planes, but the cluster's endpoint is cp-0's address: it dies with cp-0`,
      'set spec.controlPlane.endpoint (a DNS name for every control plane) or spec.network.private.vip (a shared address on the private network)',
    );
  }
  return out;
}
