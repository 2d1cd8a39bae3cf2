import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { CtoError } from '../../diagnostics/error.js';
import { REDACTED } from '../../spec/secrets.js';
import { KubeApiError, type KubeApi, type KindInfo } from './api.js';
import { objectFieldDiffs } from './diff.js';
import { objectError } from './errors.js';
import { isOwnedBy, objectKey, objectRef, ownerSelector, withOwnerLabels, type KubeObject, type Owner } from './object.js';
import { applyOrder, rankOf } from './order.js';
import { pollUntil } from '../../time/poll.js';
import { ROLLOUT_KINDS, rolloutStatus } from './rollout.js';
import type { FieldDiff } from '../../spec/field-diff.js';

/** `replace`: the change touches immutable fields, so the object is deleted and created again. */
export type ObjectAction = 'create' | 'update' | 'replace' | 'delete' | 'noop';

/** What applying one object would do. */
export interface ObjectChange {
  ref: string;
  action: ObjectAction;
  /** The object as it will be applied (owner labels and namespace set); for a delete, the live object. */
  object: KubeObject;
  fields: FieldDiff[];
  /** The live object carries our labels: conflicting fields are ours to take back (drift repair). */
  owned: boolean;
}

export interface ObjectSetOptions {
  stepId: string;
  /** The cluster whose objects these are: with the step id, what ownership labels say. */
  cluster: string;
  /** Namespace for namespaced objects that name none (helm leaves some out). */
  defaultNamespace?: string;
  /** What the last apply of this set left (`appliedObjects`): objects unchanged since need no dry run. */
  applied?: AppliedObjects;
}

/**
 * Per object key, a digest of the object as it was applied and the live object's
 * `resourceVersion` right after. No Secret is recorded (its digest would be one of its values).
 */
export type AppliedObjects = Record<string, { digest: string; resourceVersion: string }>;

const CRD = 'CustomResourceDefinition';

/**
 * Plans a step's objects against the live cluster: absent → create, present →
 * server-side dry-run and compare, objects we applied earlier but no longer
 * render → delete. Read-only.
 */
export async function planObjects(kube: KubeApi, objects: readonly KubeObject[], opts: ObjectSetOptions): Promise<ObjectChange[]> {
  const desired = await normalize(kube, applyOrder(objects), opts, 'plan');
  const limit = pLimit(8);
  const owner = ownerOf(opts);
  const changes = await Promise.all(desired.map((o) => limit(() => planOne(kube, o, owner, opts.applied))));
  return [...changes, ...(await planPrune(kube, desired, owner))];
}

function ownerOf(opts: ObjectSetOptions): Owner {
  return { cluster: opts.cluster, stepId: opts.stepId };
}

async function planOne(kube: KubeApi, o: KubeObject, owner: Owner, applied: AppliedObjects = {}): Promise<ObjectChange> {
  const { stepId } = owner;
  const ref = objectRef(o);
  // A kind whose CRD is in the same set and not applied yet: nothing of it can exist.
  if (!(await kube.kindInfo(o.apiVersion, o.kind))) return { ref, action: 'create', object: o, fields: creationFields(o), owned: true };
  let live: KubeObject | undefined;
  try {
    live = await kube.get(o);
  } catch (err) {
    throw objectError(err, stepId, ref, 'reading');
  }
  if (!live) return { ref, action: 'create', object: o, fields: creationFields(o), owned: true };
  const owned = isOwnedBy(live, owner);
  if (unchangedSinceApply(o, live, applied)) return { ref, action: 'noop', object: o, fields: [], owned };
  let next: KubeObject;
  try {
    next = await kube.apply(o, { dryRun: true, force: owned });
  } catch (err) {
    if (owned && isImmutableFieldError(err)) {
      return { ref, action: 'replace', object: o, fields: prefixed(ref, objectFieldDiffs(live, overlay(live, o))), owned };
    }
    throw objectError(err, stepId, ref, 'applying (dry run)');
  }
  const fields = prefixed(ref, objectFieldDiffs(live, next));
  return { ref, action: fields.length > 0 ? 'update' : 'noop', object: o, fields, owned };
}

/**
 * The object renders as it did when applied and the live one was not written since: the dry
 * run could only say what it said then, nothing. The API server gives an object a new
 * `resourceVersion` (the etcd revision of the write) on every write that changes it, its
 * status included, by any client; so a hand edit always takes the dry run, and a status
 * write (a rollout, a controller) costs one dry run more, never a missed drift.
 */
function unchangedSinceApply(o: KubeObject, live: KubeObject, applied: AppliedObjects): boolean {
  const record = applied[objectKey(o)];
  const digest = objectDigest(o);
  return record !== undefined && digest !== undefined && record.digest === digest && record.resourceVersion === (live.metadata.resourceVersion as string | undefined);
}

function objectDigest(o: KubeObject): string | undefined {
  return o.kind === 'Secret' ? undefined : createHash('sha256').update(JSON.stringify(o)).digest('hex');
}

/**
 * After an apply of `objects` (and its waits): each object's digest and the live
 * `resourceVersion`, for the next plan's `applied`. One GET per object.
 */
export async function appliedObjects(kube: KubeApi, objects: readonly KubeObject[], opts: ObjectSetOptions): Promise<AppliedObjects> {
  const desired = await normalize(kube, applyOrder(objects), opts, 'apply');
  const limit = pLimit(8);
  const entries = await Promise.all(
    desired.map((o) =>
      limit(async () => {
        const digest = objectDigest(o);
        if (digest === undefined) return undefined;
        let live: KubeObject | undefined;
        try {
          live = await kube.get(o);
        } catch (err) {
          throw objectError(err, opts.stepId, objectRef(o), 'reading');
        }
        const resourceVersion = live?.metadata.resourceVersion;
        return typeof resourceVersion === 'string' ? ([objectKey(o), { digest, resourceVersion }] as const) : undefined;
      }),
    ),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
}

function prefixed(ref: string, fields: FieldDiff[]): FieldDiff[] {
  return fields.map((f) => ({ ...f, path: `${ref}: ${f.path}` }));
}

/** A 422 whose causes say a field can not change after creation (StorageClass parameters, selectors). */
function isImmutableFieldError(err: unknown): boolean {
  if (!(err instanceof KubeApiError) || err.code !== 422) return false;
  const causes = err.status?.details?.causes ?? [];
  return causes.some((c) => c.reason === 'FieldValueForbidden' || /immutable|updates to .* are forbidden/i.test(c.message ?? ''));
}

/** The live object with the fields we render laid over it: what a re-creation yields, for the plan. */
function overlay(live: KubeObject, o: KubeObject): KubeObject {
  const merge = (a: unknown, b: unknown): unknown => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
      for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
      return out;
    }
    return b;
  };
  return merge(live, o) as KubeObject;
}

/** A created object in a plan: one line naming it, and its secret keys without values. */
function creationFields(o: KubeObject): FieldDiff[] {
  const ref = objectRef(o);
  if (o.kind !== 'Secret') return [{ path: ref, after: 'created' }];
  const keys = [...Object.keys((o.data as object) ?? {}), ...Object.keys((o.stringData as object) ?? {})].sort();
  return [{ path: ref, after: 'created' }, ...keys.map((k) => ({ path: `${ref}: data.${k}`, after: REDACTED, sensitive: true }))];
}

/** Objects labelled as applied by this cluster's step, of the kinds it renders, that it no longer renders. */
async function planPrune(kube: KubeApi, desired: KubeObject[], owner: Owner): Promise<ObjectChange[]> {
  const wanted = new Set(desired.map(objectKey));
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const o of desired) kinds.set(`${o.apiVersion} ${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind });
  const selector = ownerSelector(owner);
  const lists = await Promise.all(
    [...kinds.values()].map(async ({ apiVersion, kind }) => ((await kube.kindInfo(apiVersion, kind)) ? kube.list(apiVersion, kind, { labelSelector: selector }) : [])),
  );
  const out: ObjectChange[] = [];
  for (const live of lists.flat()) {
    if (wanted.has(objectKey(live))) continue;
    const ref = objectRef(live);
    out.push({ ref, action: 'delete', object: live, fields: [{ path: ref, before: 'exists', after: 'deleted' }], owned: true });
  }
  return out;
}

/**
 * Labels each object, checks its kind against discovery (a kind defined by a
 * CRD of the same set is accepted while planning) and settles its namespace.
 */
async function normalize(kube: KubeApi, objects: KubeObject[], opts: ObjectSetOptions, phase: 'plan' | 'apply'): Promise<KubeObject[]> {
  const definedHere = new Set(
    objects.filter((o) => o.kind === CRD).map((o) => {
      const spec = o.spec as { group?: string; names?: { kind?: string } };
      return `${spec.group}/${spec.names?.kind}`;
    }),
  );
  const out: KubeObject[] = [];
  for (const o of objects) {
    const info = await kube.kindInfo(o.apiVersion, o.kind);
    const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
    if (!info && !(phase === 'plan' && definedHere.has(`${group}/${o.kind}`))) {
      throw new CtoError({
        severity: 'error',
        stepId: opts.stepId,
        message: `${opts.stepId}: ${objectRef(o)} has kind ${o.kind} (${o.apiVersion}), which the Kubernetes API server does not serve`,
        hint: definedHere.has(`${group}/${o.kind}`)
          ? 'its CustomResourceDefinition is in the same manifest but is not served yet; check that the CRD lists this version as served'
          : `install the CustomResourceDefinition for ${o.kind} first, or check the apiVersion (\`kubectl api-resources\` lists what the server serves)`,
      });
    }
    out.push(withOwnerLabels(placed(o, info, opts.defaultNamespace), ownerOf(opts)));
  }
  return out;
}

function placed(o: KubeObject, info: KindInfo | undefined, defaultNamespace = 'default'): KubeObject {
  if (!info) return o;
  if (info.namespaced) return o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: defaultNamespace } };
  if (o.metadata.namespace === undefined) return o;
  const { namespace: _ns, ...metadata } = o.metadata;
  return { ...o, metadata };
}

export interface ApplyOptions extends ObjectSetOptions {
  signal: AbortSignal;
  progress?(message: string): void;
}

/**
 * Carries out a plan: CRDs first (then waits until they are Established),
 * then everything else in dependency order, then prunes, then waits for every
 * workload of the set to roll out. Safe to run again: applies are idempotent.
 */
export async function applyObjects(kube: KubeApi, changes: readonly ObjectChange[], opts: ApplyOptions): Promise<void> {
  const upserts = changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'replace');
  const crds = upserts.filter((c) => c.object.kind === CRD);
  for (const c of crds) await applyOne(kube, c, opts);
  for (const c of crds) await waitEstablished(kube, c.object, opts);
  const rest = upserts.filter((c) => c.object.kind !== CRD);
  // Objects of kinds from CRDs applied just now were planned before discovery knew them.
  const objects = await normalize(kube, rest.map((c) => c.object), opts, 'apply');
  await applyByRank(kube, rest.map((c, i) => ({ ...c, object: objects[i]! })), opts);
  for (const c of changes.filter((x) => x.action === 'delete')) {
    opts.progress?.(`deleting ${c.ref}`);
    try {
      await kube.delete(c.object);
    } catch (err) {
      throw objectError(err, opts.stepId, c.ref, 'deleting');
    }
  }
  const workloads = changes.filter((c) => c.action !== 'delete' && ROLLOUT_KINDS.has(c.object.kind)).map((c) => c.object);
  await waitRollouts(kube, workloads, opts);
}

/** Objects of one rank do not depend on each other: they are applied side by side, ranks in order. */
async function applyByRank(kube: KubeApi, changes: ObjectChange[], opts: ApplyOptions): Promise<void> {
  const limit = pLimit(8);
  const ranks = [...new Set(changes.map((c) => rankOf(c.object.kind)))].sort((a, b) => a - b);
  for (const rank of ranks) {
    await Promise.all(changes.filter((c) => rankOf(c.object.kind) === rank).map((c) => limit(() => applyOne(kube, c, opts))));
  }
}

async function applyOne(kube: KubeApi, c: ObjectChange, opts: ApplyOptions): Promise<void> {
  opts.progress?.(`applying ${c.ref}`);
  if (c.action === 'replace') await deleteAndWait(kube, c, opts);
  try {
    await kube.apply(c.object, { force: c.action === 'update' && c.owned });
  } catch (err) {
    throw objectError(err, opts.stepId, c.ref, 'applying');
  }
}

async function deleteAndWait(kube: KubeApi, c: ObjectChange, opts: ApplyOptions): Promise<void> {
  try {
    await kube.delete(c.object);
  } catch (err) {
    throw objectError(err, opts.stepId, c.ref, 'deleting (to re-create)');
  }
  await pollUntil(
    () => kube.get(c.object),
    (live) => ({ done: live === undefined, message: 'still being deleted' }),
    { stepId: opts.stepId, what: `${c.ref} to be deleted before it is created again`, signal: opts.signal, timeoutMs: 120_000, progress: opts.progress },
  );
}

async function waitEstablished(kube: KubeApi, crd: KubeObject, opts: ApplyOptions): Promise<void> {
  await pollUntil(
    () => kube.get(crd),
    (live) => {
      const conditions = ((live?.status as { conditions?: { type: string; status: string; message?: string }[] })?.conditions ?? []);
      const established = conditions.find((c) => c.type === 'Established');
      const rejected = conditions.find((c) => c.type === 'NamesAccepted' && c.status === 'False');
      return {
        done: established?.status === 'True',
        message: established ? `Established=${established.status}` : 'not Established yet',
        failed: rejected ? `names not accepted: ${rejected.message ?? ''}` : undefined,
      };
    },
    { stepId: opts.stepId, what: `${objectRef(crd)} to be Established`, signal: opts.signal, timeoutMs: 120_000, progress: opts.progress },
  );
}

/** Waits for each Deployment, StatefulSet and DaemonSet of the set, reporting the slowest. */
export async function waitRollouts(kube: KubeApi, workloads: readonly KubeObject[], opts: ApplyOptions): Promise<void> {
  for (const w of workloads) {
    await pollUntil(
      async () => {
        const live = await kube.get(w);
        if (!live) throw new CtoError({ severity: 'error', stepId: opts.stepId, message: `${opts.stepId}: ${objectRef(w)} disappeared while waiting for its rollout` });
        return live;
      },
      rolloutStatus,
      { stepId: opts.stepId, what: `rollout of ${objectRef(w)}`, signal: opts.signal, progress: opts.progress },
    );
  }
}
