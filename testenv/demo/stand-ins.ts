import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * Mayastor's operator cannot run here (its images cannot be pulled, and it needs SPDK and
 * hugepages on real disks). This stand-in plays its part so that the real `storage/pool` step
 * observes a real API server: every DiskPool is reported Created and Online. (Argo CD is the real
 * controller: see testenv/argocd.ts.)
 */
export interface StandIns {
  stop(): Promise<void>;
}

/** A pool is Online within a second of its creation: what the storage step waits for, at a fraction of a core. */
const POLL_MS = 1_000;

type Item = KubernetesObject & { metadata: { name: string; namespace: string }; status?: Record<string, unknown> };

export async function startStandIns(opts: { kubeconfigPath: string; log?: (line: string) => void }): Promise<StandIns> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(opts.kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
  let stopped = false;
  const log = (line: string) => opts.log?.(`stand-in: ${line}`);

  const list = async (group: string, version: string, plural: string): Promise<Item[]> => {
    try {
      return ((await custom.listClusterCustomObject({ group, version, plural })) as { items: Item[] }).items;
    } catch {
      return []; // the CRD is not there yet
    }
  };
  // A CRD with a status subresource ignores status in ordinary patches: try the subresource, fall back on 404.
  const setStatus = async (group: string, version: string, plural: string, item: Item, status: Record<string, unknown>) => {
    const target = { group, version, plural, namespace: item.metadata.namespace, name: item.metadata.name, body: { status } };
    try {
      await custom.patchNamespacedCustomObjectStatus(target, mergePatch);
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
      await custom.patchNamespacedCustomObject(target, mergePatch);
    }
  };

  const tick = async () => {
    for (const version of ['v1beta3', 'v1beta2']) {
      for (const pool of await list('openebs.io', version, 'diskpools')) {
        if (pool.status?.pool_status === 'Online') continue;
        await setStatus('openebs.io', version, 'diskpools', pool, { cr_state: 'Created', pool_status: 'Online', capacity: 1_000_000_000_000, used: 0, available: 1_000_000_000_000 });
        log(`DiskPool ${pool.metadata.name} Online`);
      }
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await tick().catch((e: Error) => log(e.message.split('\n')[0]!));
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
