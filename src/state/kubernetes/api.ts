import type { CoordinationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { CtoError } from '../../diagnostics/error.js';

/** The management cluster that holds team state. */
export interface StateCluster {
  core: CoreV1Api;
  coordination: CoordinationV1Api;
  /** The API server URL, for messages. */
  server: string;
  /** `V1MicroTime`, which serialises with the microseconds Lease times need. */
  microTime(ms: number): Date;
}

/** Loads @kubernetes/client-node (slow to import) only when a kubernetes backend is used. */
export async function connectStateCluster(kubeconfigPath: string | undefined): Promise<StateCluster> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  try {
    if (kubeconfigPath) config.loadFromFile(kubeconfigPath);
    else config.loadFromDefault();
  } catch (err) {
    throw new CtoError({
      severity: 'error',
      message: `cannot load the state cluster's kubeconfig ${kubeconfigPath ?? '(default)'}: ${(err as Error).message}`,
      hint: 'pass --state-kubeconfig PATH or set CTO_STATE_KUBECONFIG',
    });
  }
  const server = config.getCurrentCluster()?.server;
  if (!server) throw new CtoError({ severity: 'error', message: `the state kubeconfig ${kubeconfigPath ?? '(default)'} has no current cluster` });
  return {
    core: config.makeApiClient(k8s.CoreV1Api),
    coordination: config.makeApiClient(k8s.CoordinationV1Api),
    server,
    microTime: (ms) => new k8s.V1MicroTime(ms),
  };
}

/** The HTTP status of a failed call, if the API server answered. */
export function statusCode(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Runs a call and returns undefined on 404. */
export async function orAbsent<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (statusCode(err) === 404) return undefined;
    throw err;
  }
}

/**
 * The library's exception message carries response headers and the raw body;
 * keep only the code and the server's Status message, which name objects but
 * never their data.
 */
export function apiError(err: unknown, doing: string): unknown {
  if (err instanceof CtoError) return err;
  const code = statusCode(err);
  if (code === undefined) {
    return new CtoError({ severity: 'error', message: `${doing} failed: ${(err as Error)?.message ?? String(err)}`, hint: 'check --state-kubeconfig and that the state cluster is reachable' });
  }
  const status = parseStatus((err as { body?: unknown }).body);
  return new CtoError({
    severity: 'error',
    message: `${doing} failed (HTTP ${code}${status?.reason ? ` ${status.reason}` : ''})${status?.message ? `: ${status.message}` : ''}`,
    ...(code === 401 || code === 403 ? { hint: 'the state kubeconfig needs get/create/update/delete on Secrets and Leases in the state namespace' } : {}),
  });
}

function parseStatus(body: unknown): { message?: string; reason?: string; details?: { kind?: string } } | undefined {
  try {
    return (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string; reason?: string } | undefined;
  } catch {
    return undefined;
  }
}

/** A 404 because the namespace itself is missing (creating an object in it). */
export function isMissingNamespace(err: unknown): boolean {
  return statusCode(err) === 404 && parseStatus((err as { body?: unknown }).body)?.details?.kind === 'namespaces';
}

/**
 * Runs a write; when it fails because the state namespace does not exist yet,
 * creates the namespace and runs it once more (the first push or lock needs no
 * setup beyond a kubeconfig).
 */
export async function inNamespace<T>(sc: StateCluster, namespace: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isMissingNamespace(err)) throw err;
  }
  try {
    await sc.core.createNamespace({ body: { metadata: { name: namespace, labels: { 'app.kubernetes.io/managed-by': 'cto' } } } });
  } catch (err) {
    // Someone else created it meanwhile: fine.
    if (statusCode(err) !== 409) throw err;
  }
  return write();
}
