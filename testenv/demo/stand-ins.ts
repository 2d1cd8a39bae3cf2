import { readFile } from 'node:fs/promises';
import type { KubernetesObject } from '@kubernetes/client-node';
import { OPENEBS_CHART, OPENEBS_CHART_REPO } from '../../src/gitops-tree/openebs-chart.js';
import { readDirectorySource, resolveRevision, type DirectorySource } from './git-source.js';
import { syncOrder } from './sync-order.js';

/**
 * The demo and the end-to-end test run no Argo CD controller and no Mayastor operator (no images
 * can be pulled here). These stand-ins play their part the way the platform tests do, so the real
 * `gitops/sync` and `storage/pool` steps observe a real API server:
 * - Argo CD's controller: an Application whose source is a folder of a (local) git repository is
 *   synced from that folder at the revision it names: its objects are server-side applied in
 *   sync-wave order, the Applications among them synced in turn, and each marked Synced and
 *   Healthy once its wave is done. Of a chart, only what it takes to run Mayastor here is
 *   installed: for the OpenEBS chart, the DiskPool CRD.
 * - Mayastor's operator: every DiskPool is reported Created and Online.
 */
export interface StandIns {
  stop(): Promise<void>;
}

const POLL_MS = 300;
/** The field manager Argo CD's controller applies with. */
const ARGOCD_MANAGER = 'argocd-controller';

interface Application extends KubernetesObject {
  metadata: { name: string; namespace: string };
  spec: {
    source?: DirectorySource & { chart?: string };
    destination?: { server?: string; namespace?: string };
    syncPolicy?: { syncOptions?: string[]; managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  };
  status?: Record<string, any>;
}

type Item = { metadata: { name: string; namespace: string }; status?: Record<string, any> };

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
/** What decides whether a synced Application is still up to date with its spec. */
const sourceKey = (s: Partial<DirectorySource & { chart: string }> | undefined) => JSON.stringify([s?.repoURL, s?.path, s?.chart, s?.targetRevision]);

export async function startStandIns(opts: { kubeconfigPath: string; diskPoolCrdPath: string; log?: (line: string) => void }): Promise<StandIns> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(opts.kubeconfigPath);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
  const crd = k8s.loadYaml<KubernetesObject>(await readFile(opts.diskPoolCrdPath, 'utf8'));
  let stopped = false;
  const log = (line: string) => opts.log?.(`stand-in: ${line}`);

  const list = async <T = Item>(group: string, version: string, plural: string): Promise<T[]> => {
    try {
      return ((await custom.listClusterCustomObject({ group, version, plural })) as { items: T[] }).items;
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
  // Typed models keep a CRD's `x-kubernetes-*` fields, which a plain object would lose on the way out.
  const apply = (o: KubernetesObject) => objects.patch(k8s.loadYaml<KubernetesObject>(JSON.stringify(o)), undefined, undefined, ARGOCD_MANAGER, true, k8s.PatchStrategy.ServerSideApply);
  const readApp = (name: string, namespace: string) =>
    custom.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespace, name }) as Promise<Application>;

  /** Until the API server serves the CRD: the chart's sync is only Healthy then. */
  const established = async (name: string) => {
    for (let waited = 0; !stopped; waited += 100) {
      const live = (await objects.read({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name } })) as { status?: { conditions?: { type: string; status: string }[] } };
      if (live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
      if (waited > 30_000) throw new Error(`CustomResourceDefinition ${name} is not Established after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /**
   * `CreateNamespace=true`: the destination namespace is created with the managed metadata, or the
   * metadata added to it when it exists. Added, not applied: the namespace may be one of the tree's own
   * objects, whose fields a second apply by the same manager would take away.
   */
  const createNamespace = async (name: string, meta: { labels?: Record<string, string>; annotations?: Record<string, string> }) => {
    const metadata = { name, ...(meta.labels ? { labels: meta.labels } : {}), ...(meta.annotations ? { annotations: meta.annotations } : {}) };
    try {
      await objects.read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
      await apply({ apiVersion: 'v1', kind: 'Namespace', metadata });
      return;
    }
    if (meta.labels || meta.annotations) await objects.patch({ apiVersion: 'v1', kind: 'Namespace', metadata }, undefined, undefined, ARGOCD_MANAGER, undefined, k8s.PatchStrategy.MergePatch);
  };

  /** Syncs one Application at `revision`; returns what it deployed, for its `status.resources`. */
  const sync = async (app: Application, revision: string, synced: Set<string>): Promise<Record<string, unknown>[]> => {
    const source = app.spec.source!;
    const opt = app.spec.syncPolicy;
    if (opt?.syncOptions?.includes('CreateNamespace=true') && app.spec.destination?.namespace) await createNamespace(app.spec.destination.namespace, opt.managedNamespaceMetadata ?? {});
    if (source.chart !== undefined) {
      if (source.repoURL.replace(/\/+$/, '') !== OPENEBS_CHART_REPO || source.chart !== OPENEBS_CHART) return [];
      await apply(crd);
      await established(crd.metadata!.name!);
      log(`${app.metadata.name}: chart ${source.chart} ${revision} synced (what Mayastor needs here: the DiskPool CRD)`);
      return [resourceOf(crd)];
    }
    const manifests = await readDirectorySource(source, revision);
    for (const wave of syncOrder(manifests)) {
      for (const o of wave.objects) await apply(o);
      for (const child of wave.objects.filter(isApplication)) await reconcile(await readApp(child.metadata!.name!, child.metadata!.namespace!), synced);
      log(`${app.metadata.name}: wave ${wave.wave} synced (${wave.objects.map((o) => `${o.kind} ${o.metadata?.name}`).join(', ')})`);
    }
    return manifests.map(resourceOf);
  };

  /** Brings an Application up to date with what its source says now, unless it already is. */
  const reconcile = async (app: Application, synced: Set<string>): Promise<void> => {
    const key = `${app.metadata.namespace}/${app.metadata.name}`;
    const source = app.spec.source;
    if (synced.has(key) || !source) return;
    synced.add(key);
    const last = app.status?.sync as { status?: string; revision?: string; comparedTo?: { source?: DirectorySource } } | undefined;
    const comparedTo = { source, destination: app.spec.destination ?? {} };
    let revision: string;
    let resources: Record<string, unknown>[];
    try {
      revision = source.chart !== undefined ? source.targetRevision ?? '' : await resolveRevision(source);
      const current = last?.status === 'Synced' && app.status?.health?.status === 'Healthy' && last.revision === revision && sourceKey(last.comparedTo?.source) === sourceKey(source);
      if (current) return;
      resources = await sync(app, revision, synced);
    } catch (e) {
      // As Argo CD reports a source it cannot read or apply: a condition on the Application, sync Unknown.
      const message = (e as Error).message.split('\n')[0]!;
      if (app.status?.conditions?.[0]?.message !== message) {
        await setStatus('argoproj.io', 'v1alpha1', 'applications', app, { sync: { status: 'Unknown', comparedTo }, conditions: [{ type: 'ComparisonError', message, lastTransitionTime: now() }] });
        log(`${app.metadata.name}: ComparisonError: ${message}`);
      }
      return;
    }
    const at = now();
    await setStatus('argoproj.io', 'v1alpha1', 'applications', app, {
      sync: { status: 'Synced', revision, comparedTo },
      health: { status: 'Healthy' },
      conditions: [],
      resources: resources.map((r) => ({ ...r, status: 'Synced' })),
      operationState: { phase: 'Succeeded', message: 'successfully synced (all tasks run)', operation: { sync: { revision } }, syncResult: { revision }, startedAt: at, finishedAt: at },
    });
    log(`Application ${app.metadata.name} Synced and Healthy at ${revision.slice(0, 12)}`);
  };

  const tick = async () => {
    const synced = new Set<string>();
    for (const app of await list<Application>('argoproj.io', 'v1alpha1', 'applications')) await reconcile(app, synced);
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

function isApplication(o: KubernetesObject): boolean {
  return o.kind === 'Application' && (o.apiVersion ?? '').startsWith('argoproj.io/');
}

/** An entry of an Application's `status.resources`. */
function resourceOf(o: KubernetesObject): Record<string, unknown> {
  const [group, version] = (o.apiVersion ?? '').includes('/') ? o.apiVersion!.split('/') : ['', o.apiVersion];
  return { group, version, kind: o.kind, name: o.metadata?.name, ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}) };
}
