import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { KubeApiError, toKubeError } from './api.js';

/** A pod as a drain sees it. */
export interface PodRef {
  namespace: string;
  name: string;
  /** `DaemonSet` pods come back on every node and are left alone, as `kubectl drain --ignore-daemonsets` does. */
  ownerKinds: string[];
  /** Static pods that kubelet mirrors into the API: evicting them does nothing. */
  mirror: boolean;
  /** Already terminating. */
  deleting: boolean;
}

/** What one eviction request came to. */
export type EvictionResult = 'evicted' | 'gone' | 'blocked';

/**
 * The two calls a drain needs beyond get/patch/delete (`KubeApi`): the pods bound to a node, and
 * the Eviction subresource, which respects PodDisruptionBudgets where a delete would not.
 */
export class NodeDrain {
  private constructor(readonly core: CoreV1Api) {}

  static async connect(kubeconfigPath: string): Promise<NodeDrain> {
    const k8s = await import('@kubernetes/client-node');
    const config = new k8s.KubeConfig();
    config.loadFromFile(kubeconfigPath);
    return new NodeDrain(config.makeApiClient(k8s.CoreV1Api));
  }

  async podsOn(node: string): Promise<PodRef[]> {
    const list = await call(() => this.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` }));
    return list.items.map(podRef);
  }

  /** 429 = a PodDisruptionBudget does not allow it now (try again later); 404 = the pod is gone already. */
  async evict(pod: Pick<PodRef, 'namespace' | 'name'>): Promise<EvictionResult> {
    try {
      await this.core.createNamespacedPodEviction({
        name: pod.name,
        namespace: pod.namespace,
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod.name, namespace: pod.namespace } },
      });
      return 'evicted';
    } catch (err) {
      const e = toKubeError(err);
      if (e instanceof KubeApiError && e.code === 404) return 'gone';
      if (e instanceof KubeApiError && e.code === 429) return 'blocked';
      throw e;
    }
  }
}

export function podRef(p: V1Pod): PodRef {
  return {
    namespace: p.metadata?.namespace ?? 'default',
    name: p.metadata?.name ?? '',
    ownerKinds: (p.metadata?.ownerReferences ?? []).map((o) => o.kind),
    mirror: p.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined,
    deleting: p.metadata?.deletionTimestamp !== undefined,
  };
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toKubeError(err);
  }
}
