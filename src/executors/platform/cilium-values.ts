import { mergeValues } from '../../clients/helm/values.js';
import type { Cluster } from '../../spec/types.gen.js';

/**
 * Cilium's Helm values for Talos (Talos and Cilium docs agree on them): no
 * kube-proxy, KubePrism at localhost:7445, the capability lists without
 * SYS_MODULE (Talos forbids loading modules), and no cgroup auto-mount (Talos
 * mounts cgroupv2 itself). The spec's `platform.cilium.values` win.
 */
export function ciliumValues(cluster: Cluster): Record<string, unknown> {
  return mergeValues(talosCiliumValues(cluster), cluster.spec.platform.cilium.values as Record<string, unknown>);
}

/** The values cto sets, before the spec's. */
export function talosCiliumValues(cluster: Cluster): Record<string, unknown> {
  const nodes = cluster.spec.nodes.controlPlane.count + cluster.spec.nodes.workers.count;
  return {
    ipam: { mode: 'kubernetes' },
    kubeProxyReplacement: true,
    k8sServiceHost: 'localhost',
    k8sServicePort: 7445,
    securityContext: {
      capabilities: {
        ciliumAgent: ['CHOWN', 'KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
        cleanCiliumState: ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'],
      },
    },
    cgroup: { autoMount: { enabled: false }, hostRoot: '/sys/fs/cgroup' },
    // Operator replicas use hard anti-affinity: a second one stays Pending on a one-node cluster.
    ...(nodes < 2 ? { operator: { replicas: 1 } } : {}),
  };
}
