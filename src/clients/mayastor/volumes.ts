import { toKubeError } from '../kube/api.js';

/** A Mayastor volume as an upgrade gate sees it. */
export interface VolumeHealth {
  id: string;
  /** `Online`, `Degraded`, `Faulted`, `Shutdown`, `Unknown` (the control plane's `VolumeStatus`). */
  status: string;
  /** A replica is being rebuilt: the volume has fewer healthy copies than it asks for. */
  rebuilding: boolean;
}

/** Where the Mayastor control plane's REST API answers: the OpenEBS chart's `api-rest` service. */
export const MAYASTOR_API_SERVICE = { namespace: 'openebs', name: 'openebs-api-rest', port: 8081 };

export interface VolumesOptions {
  /** `CTO_MAYASTOR_API`: the REST API's base URL (a port-forward, a test stand-in); else the service through the Kubernetes API. */
  baseUrl?: string;
  kubeconfigPath: string;
  signal?: AbortSignal;
}

/**
 * Every Mayastor volume's health from the control plane's REST API (`GET /v0/volumes`, openebs
 * mayastor-control-plane `control-plane/rest/openapi-specs/v0_api_spec.yaml`: `Volume.state.status`,
 * the nexus children's `rebuild_progress`, `replica_topology` `child-status`). Undefined when the
 * cluster runs no Mayastor (its service does not exist).
 */
export async function mayastorVolumes(opts: VolumesOptions): Promise<VolumeHealth[] | undefined> {
  const body = opts.baseUrl ? await direct(opts.baseUrl, opts.signal) : await throughKube(opts.kubeconfigPath);
  return body === undefined ? undefined : parseVolumes(body);
}

async function direct(baseUrl: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(new URL('v0/volumes', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), { ...(signal ? { signal } : {}) });
  if (!res.ok) throw new Error(`Mayastor API ${baseUrl}: GET /v0/volumes answered ${res.status}`);
  return res.json();
}

async function throughKube(kubeconfigPath: string): Promise<unknown> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  config.loadFromFile(kubeconfigPath);
  const core = config.makeApiClient(k8s.CoreV1Api);
  const { namespace, name, port } = MAYASTOR_API_SERVICE;
  try {
    await core.readNamespacedService({ name, namespace });
  } catch (err) {
    const e = toKubeError(err);
    if ((e as { code?: number }).code === 404) return undefined;
    throw e;
  }
  try {
    const text = await core.connectGetNamespacedServiceProxyWithPath({ name: `${name}:${port}`, namespace, path: 'v0/volumes' });
    return JSON.parse(String(text));
  } catch (err) {
    throw toKubeError(err);
  }
}

interface RawVolume {
  spec?: { uuid?: string };
  state?: {
    uuid?: string;
    status?: string;
    target?: { children?: { rebuild_progress?: number | null; state?: string }[] };
    replica_topology?: Record<string, { 'child-status'?: string; 'rebuild-progress'?: number | null }>;
  };
}

export function parseVolumes(body: unknown): VolumeHealth[] {
  const list = Array.isArray(body) ? body : ((body as { entries?: unknown[] })?.entries ?? []);
  return (list as RawVolume[]).map((v) => {
    const children = v.state?.target?.children ?? [];
    const replicas = Object.values(v.state?.replica_topology ?? {});
    const rebuilding =
      children.some((c) => c.rebuild_progress !== undefined && c.rebuild_progress !== null) ||
      replicas.some((r) => (r['rebuild-progress'] !== undefined && r['rebuild-progress'] !== null) || r['child-status'] === 'Degraded');
    return { id: v.state?.uuid ?? v.spec?.uuid ?? '?', status: v.state?.status ?? 'Unknown', rebuilding };
  });
}

/** Pure: the volumes an upgrade must wait for. */
export function unhealthyVolumes(volumes: VolumeHealth[]): VolumeHealth[] {
  return volumes.filter((v) => v.status !== 'Online' || v.rebuilding);
}
