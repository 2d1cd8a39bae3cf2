/** The unit of planning and execution. Ids are addresses a person can type: `server/worker-1`. */
export type Phase = 'infrastructure' | 'talos' | 'platform' | 'gitops' | 'post-install';

export const PHASES: readonly Phase[] = ['infrastructure', 'talos', 'platform', 'gitops', 'post-install'];

export interface Step<D = unknown> {
  id: string;
  /** Which StepKind observes, diffs and applies it, e.g. `latitude.server`. */
  kind: string;
  phase: Phase;
  dependsOn: string[];
  /** What the spec wants, already resolved from the spec; pure data. */
  desired: D;
  /** The node this step is about, for per-node steps. */
  node?: string;
}
