import { CtoError } from '../diagnostics/error.js';
import type { Step } from '../planner/step.js';
import type { StepKind } from './step-kind.js';

export type KindRegistry = Map<string, StepKind<any, any>>;

/** Every step kind, by name. Loaded on demand: the areas pull in the Kubernetes client and undici. */
export async function loadKinds(): Promise<KindRegistry> {
  const areas = await Promise.all([
    import('./latitude/index.js'),
    import('./talos/index.js'),
    import('./platform/index.js'),
    import('./gitops/index.js'),
    import('./storage/index.js'),
    import('./kubeconfig/index.js'),
  ]);
  return new Map(areas.flatMap((a) => a.kinds).map((k) => [k.kind, k]));
}

export function kindOf(kinds: KindRegistry, step: Step): StepKind<any, any> {
  const kind = kinds.get(step.kind);
  if (!kind) throw new CtoError({ severity: 'error', stepId: step.id, message: `no step kind "${step.kind}"` });
  return kind;
}
