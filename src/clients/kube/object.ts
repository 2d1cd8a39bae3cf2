import { parseAllDocuments } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';
import { CLUSTER_LABEL, MANAGED_BY, MANAGED_BY_LABEL } from '../../state/ownership.js';

/** Any Kubernetes object as rendered or read: only the header is typed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const COMPONENT_LABEL = 'cto.dev/component';
export const FIELD_MANAGER = 'cto';

/** `Deployment argocd/argocd-server`, `StorageClass mayastor-nvme`: how objects are named in plans and errors. */
export function objectRef(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const ns = o.metadata.namespace;
  return `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata.name}`;
}

/** Identity of an object across renders and reads (the group matters, not the version). */
export function objectKey(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Step component label value: `platform/cilium` → `platform-cilium` (labels allow no `/` in values). */
export function componentOf(stepId: string): string {
  return stepId.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/** Every object of a multi-document YAML manifest (List kinds flattened, empty documents skipped). */
export function parseManifests(text: string, source: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new CtoError({ severity: 'error', message: `${source}: invalid YAML: ${doc.errors[0]!.message}`, file: source });
    }
    const value = doc.toJS() as unknown;
    if (value == null) continue;
    for (const item of flattenList(value)) out.push(checkObject(item, source));
  }
  return out;
}

function flattenList(value: unknown): unknown[] {
  const v = value as { kind?: unknown; items?: unknown };
  if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) return v.items.flatMap(flattenList);
  return [value];
}

function checkObject(value: unknown, source: string): KubeObject {
  const o = value as Partial<KubeObject>;
  if (typeof o !== 'object' || !o || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
    throw new CtoError({
      severity: 'error',
      message: `${source}: a document is not a Kubernetes object (needs apiVersion, kind and metadata.name)`,
      file: source,
    });
  }
  return o as KubeObject;
}

/** Which cluster's step applied an object. */
export interface Owner {
  cluster: string;
  stepId: string;
}

function ownerLabels(owner: Owner): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [CLUSTER_LABEL]: owner.cluster, [COMPONENT_LABEL]: componentOf(owner.stepId) };
}

/** A copy of `o` carrying the labels that say which cluster's step applied it. */
export function withOwnerLabels(o: KubeObject, owner: Owner): KubeObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...ownerLabels(owner) } } };
}

export function isOwnedBy(o: KubeObject, owner: Owner): boolean {
  const labels = o.metadata.labels ?? {};
  return Object.entries(ownerLabels(owner)).every(([k, v]) => labels[k] === v);
}

/** A label selector for the objects `owner` applied. */
export function ownerSelector(owner: Owner): string {
  return Object.entries(ownerLabels(owner)).map(([k, v]) => `${k}=${v}`).join(',');
}
