import type { KubeApi } from '../../clients/kube/api.js';
import { isTransientKubeError } from '../../clients/kube/errors.js';
import type { KubeObject } from '../../clients/kube/object.js';
import { appliedObjects, applyObjects, planObjects, type AppliedObjects, type ObjectChange, type ObjectSetOptions } from '../../clients/kube/objects.js';
import { readAppliedRecord, writeAppliedRecord } from '../applied-record.js';
import type { PollCheck } from '../../time/poll.js';
import { pollUntil } from '../../time/poll.js';
import { rolloutStatus, ROLLOUT_KINDS } from '../../clients/kube/rollout.js';
import type { Change } from '../../planner/change.js';
import { noop } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind, StepLimits } from '../step-kind.js';
import { kubeconfigOf, kubeFor } from '../kubernetes/kube-context.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';

/** What a manifest step observed: the pending object changes (no object bodies, so no secret values) and readiness. */
export interface ObjectsObserved {
  objects: number;
  changes: { ref: string; action: ObjectChange['action']; fields: FieldDiff[] }[];
  /** Not ready yet although nothing needs applying (a rollout in progress, a pool still Creating). */
  waiting?: string;
}

export interface ObjectsKindSpec<D> {
  kind: string;
  /** The objects this step applies, from the spec and its sources. */
  render(step: Step<D>, ctx: StepContext, kube: KubeApi): Promise<KubeObject[]>;
  defaultNamespace?: string;
  /** Extra readiness beyond workload rollouts (e.g. a DiskPool Online); checked by observe, awaited by apply. */
  ready?(step: Step<D>, ctx: StepContext, kube: KubeApi): Promise<PollCheck>;
  /** What `ready` waits for, in messages: `DiskPool openebs/pool-x to be Online`. */
  readyWhat?(step: Step<D>): string;
  /** Changes to objects the step does not own (e.g. taking the default-class annotation off another StorageClass). */
  sideEffects?: {
    plan(step: Step<D>, ctx: StepContext, kube: KubeApi): Promise<ObjectsObserved['changes']>;
    apply(step: Step<D>, ctx: StepContext, kube: KubeApi): Promise<void>;
  };
  limits?: StepLimits<D>;
  /** Why changing or deleting an existing object loses data (e.g. a DiskPool's disk), if it does: makes the change destructive. */
  destroys?(change: ObjectsObserved['changes'][number]): string | undefined;
}

export const appliedObjectsFile = (stepId: string) => `objects/applied/${stepId}.json`;

function readApplied(step: Step<unknown>, ctx: StepContext): Promise<AppliedObjects | undefined> {
  return readAppliedRecord(ctx, appliedObjectsFile(step.id), (raw) => {
    if (!raw || typeof raw !== 'object') return undefined;
    const entries = Object.entries(raw as Record<string, { digest?: unknown; resourceVersion?: unknown } | null>);
    const valid = entries.every(([, v]) => typeof v?.digest === 'string' && typeof v.resourceVersion === 'string');
    return valid ? (raw as AppliedObjects) : undefined;
  });
}

/** A step kind of objects, with the namespace its namespaced objects default to (what `cto render` places them in). */
export type ObjectsStepKind<D> = StepKind<D, ObjectsObserved> & { readonly defaultNamespace?: string };

/**
 * A step that server-side applies a set of objects and waits for them: the
 * shape shared by Cilium, Argo CD, local-path, the bootstrap objects, the
 * app-of-apps, DiskPools and the StorageClass.
 */
export function objectsKind<D>(spec: ObjectsKindSpec<D>): ObjectsStepKind<D> {
  const plan = async (step: Step<D>, ctx: StepContext, kube: KubeApi): Promise<ObjectsObserved> => {
    const objects = await spec.render(step, ctx, kube);
    const planned = await planObjects(kube, objects, { ...setOptions(step, ctx), applied: await readApplied(step, ctx) });
    const changes = planned.filter((c) => c.action !== 'noop').map(({ ref, action, fields }) => ({ ref, action, fields }));
    const side = (await spec.sideEffects?.plan(step, ctx, kube)) ?? [];
    let waiting: string | undefined;
    if (changes.length === 0 && side.length === 0) waiting = await notReady(step, ctx, kube, objects);
    return { objects: objects.length, changes: [...changes, ...side], ...(waiting ? { waiting } : {}) };
  };

  const setOptions = (step: Step<D>, ctx: StepContext): ObjectSetOptions => ({
    stepId: step.id,
    cluster: ctx.spec.metadata.name,
    ...(spec.defaultNamespace ? { defaultNamespace: spec.defaultNamespace } : {}),
  });

  const notReady = async (step: Step<D>, ctx: StepContext, kube: KubeApi, objects: KubeObject[]): Promise<string | undefined> => {
    for (const o of objects.filter((x) => ROLLOUT_KINDS.has(x.kind))) {
      const live = await kube.get({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? spec.defaultNamespace } });
      const status = live && rolloutStatus(live);
      if (status && !status.done) return `rollout of ${o.kind} ${live.metadata.namespace}/${o.metadata.name}: ${status.message}`;
    }
    const check = await spec.ready?.(step, ctx, kube);
    return check && !check.done ? check.message : undefined;
  };

  return {
    kind: spec.kind,
    ...(spec.defaultNamespace ? { defaultNamespace: spec.defaultNamespace } : {}),
    ...(spec.limits ? { limits: spec.limits } : {}),
    retryable: isTransientKubeError,

    async observe(step, ctx): Promise<Observation<ObjectsObserved>> {
      const kubeconfig = kubeconfigOf(ctx);
      if (!kubeconfig) return { state: 'unknown', reason: 'known after kubernetes/api is applied' };
      const observed = await plan(step, ctx, await kubeFor(ctx, kubeconfig));
      const nothingYet = observed.changes.length === observed.objects && observed.changes.every((c) => c.action === 'create');
      return nothingYet ? { state: 'absent' } : { state: 'present', value: observed };
    },

    diff(_step, observed): Change {
      if (observed.state === 'unknown') return { action: 'create', fields: [], reason: observed.reason };
      if (observed.state === 'absent') return { action: 'create', fields: [], reason: 'not installed yet' };
      const { changes, waiting } = observed.value;
      if (changes.length === 0) return waiting ? { action: 'update', fields: [], reason: `not ready: ${waiting}` } : noop();
      const count = (a: string) => changes.filter((c) => c.action === a).length;
      const parts = (['create', 'update', 'replace', 'delete'] as const).filter((a) => count(a) > 0).map((a) => `${count(a)} to ${a}`);
      const replaced = changes.filter((c) => c.action === 'replace').map((c) => `${c.ref} is deleted and created again: the changed fields are immutable`);
      const losses = changes.filter((c) => c.action !== 'create').map((c) => spec.destroys?.(c)).filter((n): n is string => n !== undefined);
      const notes = [...losses, ...replaced];
      return {
        action: 'update',
        fields: changes.flatMap((c) => c.fields),
        reason: `objects: ${parts.join(', ')}`,
        ...(losses.length ? { destructive: true } : {}),
        ...(notes.length ? { notes } : {}),
      };
    },

    async apply(step, _change, ctx): Promise<ObjectsObserved> {
      const kubeconfig = kubeconfigOf(ctx)!;
      const kube = await kubeFor(ctx, kubeconfig);
      // Planned afresh: the plan's observation holds no object bodies, and the world may have moved.
      const objects = await spec.render(step, ctx, kube);
      const changes = await planObjects(kube, objects, { ...setOptions(step, ctx), applied: await readApplied(step, ctx) });
      const opts = { ...setOptions(step, ctx), signal: ctx.signal, progress: ctx.progress };
      await applyObjects(kube, changes, opts);
      await spec.sideEffects?.apply(step, ctx, kube);
      if (spec.ready) {
        await pollUntil(() => spec.ready!(step, ctx, kube), (c) => c, {
          stepId: step.id,
          what: spec.readyWhat?.(step) ?? 'readiness',
          signal: ctx.signal,
          progress: ctx.progress,
        });
      }
      // After the waits: a rollout's status writes are over, so the next plan finds these versions.
      await writeAppliedRecord(ctx, appliedObjectsFile(step.id), await appliedObjects(kube, objects, setOptions(step, ctx)));
      return { objects: objects.length, changes: [] };
    },
  };
}
