import { parseDocument } from 'yaml';
import { nodePrivateAddress, privateNetwork } from '../../spec/private-network.js';
import type { Cluster } from '../../spec/types.gen.js';
import { clusterEndpoint } from '../latitude/addresses.js';

/**
 * Talos writes the cluster endpoint into the admin kubeconfig it hands out (`talosctl kubeconfig`).
 * When that endpoint lives on the private network (the VIP, or cp-0's private address), nothing
 * outside the VLAN reaches it: the kubeconfig cto keeps and merges names cp-0's public address
 * instead, which the certificates carry too. A DNS endpoint (`spec.controlPlane.endpoint`) is kept.
 */
export function reachableKubeconfig(kubeconfig: string, spec: Cluster, publicIp: string): string {
  if (spec.spec.controlPlane?.endpoint) return kubeconfig;
  const net = privateNetwork(spec);
  const privateHosts = new Set([net?.vip, nodePrivateAddress(spec, 'cp-0')].filter((h): h is string => h !== undefined));
  if (privateHosts.size === 0) return kubeconfig;
  const doc = parseDocument(kubeconfig);
  let changed = false;
  for (const entry of (doc.get('clusters') as { items?: unknown[] } | undefined)?.items ?? []) {
    const cluster = (entry as { get?: (k: string) => unknown }).get?.('cluster') as { get(k: string): unknown; set(k: string, v: unknown): void } | undefined;
    const server = cluster?.get('server');
    if (typeof server !== 'string') continue;
    const host = hostOf(server);
    if (host && privateHosts.has(host)) {
      cluster!.set('server', clusterEndpoint(publicIp));
      changed = true;
    }
  }
  return changed ? doc.toString() : kubeconfig;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
