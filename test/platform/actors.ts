// Other actors in the cluster, played by the tests: a person with kubectl,
// another tool (helm), Argo CD's controller, Mayastor's operator. They write
// with their own field manager, as the real ones do.
import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { createSimulatedNode } from '../../testenv/nodes.js';
import type { KubeObject } from '../../src/clients/kube/object.js';

export class Actor {
  readonly #objects: KubernetesObjectApi;
  readonly #custom: CustomObjectsApi;
  readonly kc: KubeConfig;

  constructor(
    kubeconfigPath: string,
    readonly manager: string,
  ) {
    this.kc = new KubeConfig();
    this.kc.loadFromFile(kubeconfigPath);
    this.#objects = KubernetesObjectApi.makeApiClient(this.kc);
    this.#custom = this.kc.makeApiClient(CustomObjectsApi);
  }

  /** Server-side apply as this manager, taking fields over as `kubectl apply --server-side --force-conflicts` does. */
  async apply(o: KubeObject): Promise<KubeObject> {
    return (await this.#objects.patch(o as KubernetesObject, undefined, undefined, this.manager, true, PatchStrategy.ServerSideApply)) as unknown as KubeObject;
  }

  /** A JSON merge patch, as a controller writes or `kubectl patch --type merge` sends (an update, not an apply). */
  async mergePatch(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: Record<string, unknown>): Promise<void> {
    await this.#patch(o, patch, PatchStrategy.MergePatch);
  }

  /** An edit as `kubectl edit` sends it: a strategic merge patch, lists merged by key (containers by name). */
  async edit(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: Record<string, unknown>): Promise<void> {
    await this.#patch(o, patch, PatchStrategy.StrategicMergePatch);
  }

  async #patch(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, patch: Record<string, unknown>, strategy: PatchStrategy): Promise<void> {
    const body = { ...patch, apiVersion: o.apiVersion, kind: o.kind, metadata: { ...(patch.metadata as object), name: o.metadata.name, namespace: o.metadata.namespace } };
    await this.#objects.patch(body as KubernetesObject, undefined, undefined, this.manager, undefined, strategy);
  }

  async get(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<KubeObject | undefined> {
    try {
      return (await this.#objects.read({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } } as never)) as unknown as KubeObject;
    } catch (err) {
      if ((err as { code?: number }).code === 404) return undefined;
      throw err;
    }
  }

  async delete(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<void> {
    try {
      await this.#objects.delete({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } } as never);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }

  /** Writes `.status` through the status subresource, as an operator does. */
  async writeStatus(group: string, version: string, plural: string, namespace: string, name: string, status: Record<string, unknown>): Promise<void> {
    await this.#custom.patchNamespacedCustomObjectStatus({ group, version, namespace, plural, name, body: [{ op: 'add', path: '/status', value: status }], fieldManager: this.manager });
  }

  async createNode(name: string, labels: Record<string, string>): Promise<void> {
    const existing = await this.kc.makeApiClient(CoreV1Api).readNode({ name }).catch(() => undefined);
    if (!existing) await createSimulatedNode(this.kc, { name, labels });
  }
}
