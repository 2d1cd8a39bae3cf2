import { Agent } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubernetesObjectApi, KubeConfig } from '@kubernetes/client-node';
import { FIELD_MANAGER, type KubeObject } from './object.js';

/** What discovery says about a kind: its plural and whether it lives in a namespace. */
export interface KindInfo {
  plural: string;
  namespaced: boolean;
}

/** A failed API call, reduced to what a person needs: HTTP code and the server's `Status`. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: KubeStatus | undefined,
  ) {
    super(status?.message ?? `Kubernetes API answered ${code}`);
    this.name = 'KubeApiError';
  }
}

export interface KubeStatus {
  message?: string;
  reason?: string;
  details?: { causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

type Module = typeof import('@kubernetes/client-node');
type DiscoveringObjectApi = KubernetesObjectApi & { lookup(apiVersion: string, kind: string): Promise<KindInfo | undefined> };

/**
 * The Kubernetes API for step kinds, over @kubernetes/client-node. The
 * library costs ~0.8 s to import, so it is loaded on first connect only.
 */
export class KubeApi {
  readonly #k8s: Module;
  readonly #objects: DiscoveringObjectApi;
  readonly #config: KubeConfig;

  private constructor(k8s: Module, config: KubeConfig) {
    this.#k8s = k8s;
    this.#config = config;
    // Discovery (`resource`) is protected in the library; it caches per client and refetches on a miss, which is
    // what we need after a CRD becomes Established.
    class Objects extends k8s.KubernetesObjectApi {
      async lookup(apiVersion: string, kind: string): Promise<KindInfo | undefined> {
        try {
          const r = await this.resource(apiVersion, kind);
          return r ? { plural: r.name, namespaced: r.namespaced } : undefined;
        } catch (err) {
          // An unknown group/version is a 404 on discovery: the kind is not served.
          if (codeOf(err) === 404) return undefined;
          throw toKubeError(err);
        }
      }
    }
    this.#objects = config.makeApiClient(Objects as unknown as typeof k8s.KubernetesObjectApi) as DiscoveringObjectApi;
  }

  static async connect(kubeconfigPath: string): Promise<KubeApi> {
    const k8s = await import('@kubernetes/client-node');
    const config = keepAliveConfig(k8s);
    config.loadFromFile(kubeconfigPath);
    return new KubeApi(k8s, config);
  }

  kindInfo(apiVersion: string, kind: string): Promise<KindInfo | undefined> {
    return this.#objects.lookup(apiVersion, kind);
  }

  /** Versions the server serves for an API group, preferred first; empty when the group is unknown. */
  async servedVersions(group: string): Promise<string[]> {
    const list = await call(() => this.#config.makeApiClient(this.#k8s.ApisApi).getAPIVersions());
    const g = list.groups.find((x) => x.name === group);
    if (!g) return [];
    const preferred = g.preferredVersion?.version;
    return g.versions.map((v) => v.version).sort((a, b) => Number(b === preferred) - Number(a === preferred));
  }

  async get(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<KubeObject | undefined> {
    try {
      const header = { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } };
      return (await honouringRetryAfter(() => this.#objects.read(header as never))) as unknown as KubeObject;
    } catch (err) {
      if (codeOf(err) === 404) return undefined;
      throw toKubeError(err);
    }
  }

  async list(apiVersion: string, kind: string, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KubeObject[]> {
    const list = await call(() =>
      this.#objects.list(apiVersion, kind, opts.namespace, undefined, undefined, undefined, undefined, opts.labelSelector),
    );
    // List items carry no apiVersion/kind; put them back so callers can address them.
    return list.items.map((item) => ({ ...(item as unknown as KubeObject), apiVersion, kind }));
  }

  /** Server-side apply as field manager `cto`; `dryRun` returns what the object would become. */
  apply(o: KubeObject, opts: { dryRun?: boolean; force?: boolean } = {}): Promise<KubeObject> {
    // The client serializes known kinds through its typed models, which read camelCase fields:
    // a plain object's `x-kubernetes-preserve-unknown-fields` would be dropped from a CRD unless it
    // is first deserialized into that model.
    const typed = this.#k8s.loadYaml(JSON.stringify(o));
    return call(
      async () =>
        (await this.#objects.patch(
          typed as never,
          undefined,
          opts.dryRun ? 'All' : undefined,
          FIELD_MANAGER,
          opts.force ?? false,
          this.#k8s.PatchStrategy.ServerSideApply,
        )) as unknown as KubeObject,
    );
  }

  /** A JSON merge patch (`null` removes a key): for touching objects someone else owns. */
  mergePatch(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: Record<string, unknown>): Promise<KubeObject> {
    const body = { ...patch, apiVersion: o.apiVersion, kind: o.kind, metadata: { ...(patch.metadata as object), name: o.metadata.name, namespace: o.metadata.namespace } };
    return call(
      async () =>
        (await this.#objects.patch(body as never, undefined, undefined, FIELD_MANAGER, undefined, this.#k8s.PatchStrategy.MergePatch)) as unknown as KubeObject,
    );
  }

  async delete(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<void> {
    try {
      await honouringRetryAfter(() => this.#objects.delete({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } } as never, undefined, undefined, undefined, undefined, 'Background'));
    } catch (err) {
      if (codeOf(err) !== 404) throw toKubeError(err);
    }
  }
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await honouringRetryAfter(fn);
  } catch (err) {
    throw toKubeError(err);
  }
}

/** client-go's `maxRetries` for an answer that says when to come back. */
const RETRY_AFTER_ATTEMPTS = 10;

/**
 * A 429 with Retry-After is waited out and asked again, as client-go's rest client does (request.go
 * `checkWait`, up to 10 times): the kube-apiserver answers so while a new resource's watch cache fills
 * ("storage is (re)initializing", right after a CRD is established), and under its priority and fairness.
 */
async function honouringRetryAfter<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const seconds = retryAfterSeconds(err);
      if (codeOf(err) !== 429 || seconds === undefined || attempt >= RETRY_AFTER_ATTEMPTS) throw err;
      await sleep(Math.max(seconds, 0) * 1000);
    }
  }
}

/** The Retry-After header, else the Status' `details.retryAfterSeconds` the server sets it from. */
function retryAfterSeconds(err: unknown): number | undefined {
  const headers = (err as { headers?: Record<string, string> }).headers ?? {};
  const value = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? statusOf(err)?.details?.retryAfterSeconds;
  const seconds = Number(value);
  return value === undefined || !Number.isFinite(seconds) ? undefined : seconds;
}

/** The `Status` an API error's body holds, when it holds one. */
function statusOf(err: unknown): KubeStatus | undefined {
  const body = (err as { body?: unknown }).body;
  try {
    return (typeof body === 'string' ? JSON.parse(body) : body) as KubeStatus | undefined;
  } catch {
    return undefined;
  }
}

function codeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The library's exception message embeds response headers and the raw body;
 * keep only the code and the parsed `Status` so nothing else reaches output.
 * Exported for the other clients of this folder (e.g. the node drain).
 */
export function toKubeError(err: unknown): Error {
  if (err instanceof KubeApiError) return err;
  const code = codeOf(err);
  if (code === undefined) return err instanceof Error ? err : new Error(String(err));
  return new KubeApiError(code, statusOf(err));
}

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];

/**
 * A KubeConfig whose calls share keep-alive connections. The library builds a new https.Agent for
 * every request (`KubeConfig.applySecurityAuthentication` → `createAgent`), so each call paid a TCP
 * connection, a TLS handshake and a new secure context: ≈ 4 of the 6.5 CPU seconds of a no-op plan
 * of 1 + 16. The library's agent is replaced by one kept per set of TLS options (a proxy's agent is
 * left as it is).
 */
function keepAliveConfig(k8s: Module): KubeConfig {
  class KeepAlive extends k8s.KubeConfig {
    readonly #agents = new Map<string, Agent>();

    override async applySecurityAuthentication(context: RequestContext): Promise<void> {
      await super.applySecurityAuthentication(context);
      const made = context.getAgent();
      if (!(made instanceof Agent) || made.constructor !== Agent) return;
      const o = made.options;
      const key = JSON.stringify([o.ca, o.cert, o.key, o.pfx, o.passphrase, o.rejectUnauthorized, o.servername]);
      let agent = this.#agents.get(key);
      if (!agent) this.#agents.set(key, (agent = new Agent({ ...o, keepAlive: true })));
      context.setAgent(agent);
    }
  }
  return new KeepAlive();
}
