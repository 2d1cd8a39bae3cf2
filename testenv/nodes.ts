// Simulated Nodes: real Node objects that kwok keeps Ready and whose Pods it
// runs, in place of kubelets.
import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SimulatedNode {
  name: string;
  labels?: Record<string, string>;
  allocatable?: Record<string, string>;
  address?: string;
}

/** kwok's default selector, which the harness starts kwok with. */
export const kwokAnnotation = { 'kwok.x-k8s.io/node': 'fake' } as const;

const defaultAllocatable: Record<string, string> = {
  cpu: '32',
  memory: '128Gi',
  pods: '110',
  'ephemeral-storage': '500Gi',
  'hugepages-2Mi': '0',
};

export function nodeManifest(n: SimulatedNode): V1Node {
  const allocatable = { ...defaultAllocatable, ...n.allocatable };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      annotations: { ...kwokAnnotation },
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': n.name,
        ...n.labels,
      },
    },
    status: {
      allocatable,
      capacity: allocatable,
      // kwok's node-initialize stage rewrites the list unless it already has
      // both kinds a kubelet reports.
      addresses: [
        ...(n.address !== undefined ? [{ type: 'InternalIP', address: n.address }] : []),
        { type: 'Hostname', address: n.name },
      ],
    },
  };
}

/** Creates the Node and waits until kwok has made it Ready. */
export async function createSimulatedNode(kc: KubeConfig, n: SimulatedNode, timeoutMs = 30_000): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNode({ body: nodeManifest(n) });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const node = await core.readNode({ name: n.name });
    if (node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
    if (Date.now() > deadline) {
      throw new Error(
        `simulated node ${n.name} not Ready after ${timeoutMs / 1000} s: is kwok running? (see kwok.log in the control-plane dir)`,
      );
    }
    await sleep(100);
  }
}
