import { readFile } from 'node:fs/promises';
import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * The demo and the end-to-end test run no Argo CD controller and no Mayastor operator (no images
 * can be pulled here). These stand-ins play their part the way the platform tests do: they write
 * the status fields those controllers would write, so the real `gitops/sync` and `storage/pool`
 * steps observe a real API server. What Mayastor's chart would install through the sync, the
 * DiskPool CRD, is applied when the app-of-apps appears.
 */
export interface StandIns {
  stop(): Promise<void>;
}

const POLL_MS = 300;

export async function startStandIns(opts: { kubeconfigPath: string; diskPoolCrdPath: string; log?: (line: string) => void }): Promise<StandIns> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(opts.kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
  const crd = k8s.loadYaml<KubernetesObject>(await readFile(opts.diskPoolCrdPath, 'utf8'));
  let crdApplied = false;
  let stopped = false;

  type Item = { metadata: { name: string; namespace: string }; status?: Record<string, any> };
  const list = async (group: string, version: string, plural: string): Promise<Item[]> => {
    try {
      return ((await custom.listClusterCustomObject({ group, version, plural })) as { items: Item[] }).items;
    } catch {
      return []; // the CRD is not there yet
    }
  };
  // Argo CD's Application CRD has no status subresource (status is part of the object); a CRD
  // that has one ignores status in ordinary patches. Try the subresource, fall back on 404.
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
    const apps = await list('argoproj.io', 'v1alpha1', 'applications');
    if (apps.length && !crdApplied) {
      await objects.patch(crd, undefined, undefined, 'mayastor-stand-in', true, k8s.PatchStrategy.ServerSideApply);
      crdApplied = true;
      opts.log?.('stand-in: Mayastor chart synced (DiskPool CRD installed)');
    }
    for (const app of apps) {
      if (app.status?.sync?.status === 'Synced' && app.status?.health?.status === 'Healthy') continue;
      await setStatus('argoproj.io', 'v1alpha1', 'applications', app, {
        sync: { status: 'Synced', revision: 'stand-in' },
        health: { status: 'Healthy' },
        operationState: {
          phase: 'Succeeded',
          message: 'successfully synced (stand-in)',
          operation: { sync: { revision: 'stand-in' } },
          startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      });
      opts.log?.(`stand-in: Application ${app.metadata.name} Synced and Healthy`);
    }
    for (const version of ['v1beta3', 'v1beta2']) {
      for (const pool of await list('openebs.io', version, 'diskpools')) {
        if (pool.status?.pool_status === 'Online') continue;
        await setStatus('openebs.io', version, 'diskpools', pool, { cr_state: 'Created', pool_status: 'Online', capacity: 1_000_000_000_000, used: 0, available: 1_000_000_000_000 });
        opts.log?.(`stand-in: DiskPool ${pool.metadata.name} Online`);
      }
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await tick().catch((e: Error) => opts.log?.(`stand-in: ${e.message.split('\n')[0]}`));
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
