import { applyOrder } from '../../clients/kube/order.js';
import { withOwnerLabels, type KubeObject } from '../../clients/kube/object.js';
import { rootApplication } from '../../gitops-tree/root-application.js';
import type { Step } from '../../planner/step.js';
import type { Cluster } from '../../spec/types.gen.js';
import { appOfAppsKind } from '../gitops/app-of-apps.js';
import { argocdKind, loadArgocdObjects } from '../platform/argocd.js';
import { bootstrapKind, bootstrapObjects } from '../platform/bootstrap.js';
import { ciliumKind, ciliumObjects } from '../platform/cilium.js';
import { loadLocalPathObjects, localPathKind } from '../platform/local-path.js';
import type { ObjectsStepKind } from '../platform/objects-kind.js';
import type { StepContext } from '../step-kind.js';
import { classKind, mayastorStorageClass, type ClassDesired } from '../storage/class.js';
import { DISKPOOL_VERSIONS, diskPool, poolKind, type PoolDesired } from '../storage/pool.js';
import { REDACTED_MARK } from '../talos/redact-config.js';
import { placeOffline } from './placement.js';
import { atStep } from '../step-error.js';
import { addr, parseAddress, subjectOf, type ParsedAddress } from '../../planner/address.js';

interface ObjectsRenderer {
  kind: ObjectsStepKind<any>;
  /** What `--component` calls the step's component: its platform component, unless named here. */
  component?: string;
  /** Which of its component's steps this is, where a component has several (a file name's tail). */
  part?(a: ParsedAddress): string;
  /** The objects the kind's `render` returns, without asking the cluster. */
  objects(step: Step<any>, ctx: StepContext): Promise<KubeObject[]>;
  /** What the cluster would decide, said in the output. */
  note?(ctx: StepContext): string;
}

/** Every step kind that applies objects, and how to render it offline. */
const RENDERERS: ObjectsRenderer[] = [
  { kind: ciliumKind, objects: (step, ctx) => ciliumObjects(step.id, ctx), note: () => 'generated CA and Hubble certificates are kept from the cluster when it has them (redacted here)' },
  { kind: bootstrapKind, objects: async (_step, ctx) => bootstrapObjects(ctx.spec, ctx.secrets) },
  { kind: localPathKind, objects: (step, ctx) => loadLocalPathObjects(step.id, ctx) },
  { kind: argocdKind, objects: (step, ctx) => loadArgocdObjects(step.id, ctx) },
  { kind: appOfAppsKind, component: 'app-of-apps', objects: async (_step, ctx) => [rootApplication(ctx.spec)] },
  {
    kind: poolKind,
    component: 'storage',
    part: (a) => `pool-${subjectOf(a)}`,
    objects: async (step: Step<PoolDesired>, ctx) => [diskPool(diskPoolVersionFor(ctx.spec), { ...step.desired, disk: poolDisk(step, ctx) })],
    note: (ctx) => `DiskPool ${diskPoolVersionFor(ctx.spec)} follows OpenEBS ${ctx.spec.spec.storage?.mayastor?.chartVersion}; apply uses the version the cluster serves`,
  },
  { kind: classKind, component: 'storage', part: () => 'class', objects: async (step: Step<ClassDesired>) => [mayastorStorageClass(step.desired)] },
];

export interface Component {
  /** `cilium`, `argocd`, `storage`: what `--component` names. */
  name: string;
  steps: Step[];
}

/** The platform steps of the graph that apply objects, grouped by component (every `storage/…` step is `storage`). */
export function components(steps: Step[]): Component[] {
  const out: Component[] = [];
  for (const step of steps) {
    const renderer = rendererOf(step);
    if (!renderer) continue;
    const name = renderer.component ?? subjectOf(parseAddress(step.id)) ?? step.id;
    const existing = out.find((c) => c.name === name);
    if (existing) existing.steps.push(step);
    else out.push({ name, steps: [step] });
  }
  return out;
}

export interface StepObjects {
  step: Step;
  /** Which step of a component of several this is (`pool-worker-1`). */
  part?: string;
  /** As apply sends them: in apply order, namespaced, owner-labelled; Secret values redacted. */
  objects: KubeObject[];
  notes: string[];
}

export async function previewComponent(ctx: StepContext, component: Component): Promise<StepObjects[]> {
  const out: StepObjects[] = [];
  for (const step of component.steps) {
    const renderer = rendererOf(step)!;
    const made = await atStep(step.id, (t) => ctx.secrets.redact(t), () => renderer.objects(step, ctx));
    const rendered = placeOffline(applyOrder(made), renderer.kind.defaultNamespace);
    const objects = rendered.map((o) => redactSecret(withOwnerLabels(o, { cluster: ctx.spec.metadata.name, stepId: step.id })));
    const address = parseAddress(step.id);
    const part = renderer.part && address ? renderer.part(address) : undefined;
    out.push({ step, ...(part ? { part } : {}), objects, notes: renderer.note ? [renderer.note(ctx)] : [] });
  }
  return out;
}

const rendererOf = (step: Step) => RENDERERS.find((r) => r.kind.kind === step.kind);

/** Shown while the pool's disk is still to be chosen from the worker's own disks. */
const UNCHOSEN_DISK = '<chosen at apply from the node\'s disks>';

/** The pool's disk: the spec's, else what `storage/disk/<node>` chose as the last apply recorded it. */
function poolDisk(step: Step<PoolDesired>, ctx: StepContext): string {
  return step.desired.disk ?? ctx.outputOf(addr.storageDisk(step.desired.node))?.link ?? UNCHOSEN_DISK;
}

/** OpenEBS serves DiskPool v1beta3 from 4.3 on, v1beta2 before. */
export function diskPoolVersionFor(spec: Cluster): string {
  const [major = 0, minor = 0] = (spec.spec.storage?.mayastor?.chartVersion ?? '').split('.').map(Number);
  return major > 4 || (major === 4 && minor >= 3) ? DISKPOOL_VERSIONS[0] : DISKPOOL_VERSIONS[1];
}

/** A Secret's values say nothing a reviewer needs and everything an attacker wants: keys stay, values go. */
function redactSecret(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret') return o;
  const blank = (m: unknown) => Object.fromEntries(Object.keys((m as object) ?? {}).map((k) => [k, REDACTED_MARK]));
  return { ...o, ...(o.data ? { data: blank(o.data) } : {}), ...(o.stringData ? { stringData: blank(o.stringData) } : {}) };
}
