import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import type { Plan } from '../../clients/latitude/wire.js';
import { CtoError } from '../../diagnostics/error.js';
import { plansNamed } from '../latitude/reads.js';
import type { StepKind } from '../step-kind.js';

export interface DrivesDesired {
  /** Plan slugs of the storage nodes. */
  plans: string[];
}

export interface DrivesObserved {
  drives: { plan: string; count: number; summary: string }[];
}

/** How many drives a plan has, by its catalog specs; undefined when the catalog does not say. */
export function driveCount(plan: Plan): number | undefined {
  return plan.attributes.drives?.reduce((n, d) => n + d.count, 0);
}

/**
 * Pure: every storage node needs one drive for Talos and one for its DiskPool, so a plan whose
 * catalog specs list a single drive is refused before any server is ordered.
 */
export function checkDrives(desired: DrivesDesired, catalog: Plan[], stepId: string): DrivesObserved {
  const drives: DrivesObserved['drives'] = [];
  const problems: string[] = [];
  for (const slug of [...new Set(desired.plans)]) {
    const plan = catalog.find((p) => p.attributes.slug === slug);
    const count = plan && driveCount(plan);
    // An unknown plan is the region step's to report; a plan without drive specs cannot be judged.
    if (!plan || count === undefined) continue;
    const summary = plan.attributes.drives!.map((d) => `${d.count} × ${d.size} ${d.type}`.trim()).join(' + ');
    drives.push({ plan: slug, count, summary });
    if (count < 2) problems.push(`plan ${slug} has a single drive (${summary}): Talos installs to it, and Mayastor needs a second drive on every worker`);
  }
  if (problems.length) {
    throw new CtoError({
      severity: 'error',
      stepId,
      path: 'spec.nodes.workers.plan',
      message: `${stepId}: ${problems.join('; ')}`,
      hint: 'pick a worker plan with two drives or more (e.g. c3-small-x86: 2 × 1.9 TB NVMe), or turn Mayastor off (remove spec.storage.mayastor)',
    });
  }
  return { drives };
}

/** `storage/drives`: the storage nodes' plans can hold a DiskPool beside Talos. Reads the catalog only. */
export const drivesKind: StepKind<DrivesDesired, DrivesObserved> = {
  kind: 'storage.drives',
  async observe(step, ctx) {
    return { state: 'present', value: checkDrives(step.desired, await plansNamed(ctx, step.desired.plans), step.id) };
  },
  diff(_step, observed) {
    if (observed.state !== 'present') return { action: 'noop', fields: [], reason: 'plans are checked when the plan is applied' };
    const what = observed.value.drives.map((d) => `${d.plan}: ${d.summary}`).join('; ');
    return { action: 'noop', fields: [], reason: what ? `each worker has a drive for Talos and one for Mayastor (${what})` : 'the catalog lists no drives for the workers\' plan' };
  },
  async apply(step, _change, ctx) {
    return checkDrives(step.desired, await plansNamed(ctx, step.desired.plans), step.id);
  },
  limits: { retry: { attempts: 3, baseMs: 1_000, maxMs: 10_000 } },
  retryable: isTransientLatitudeError,
};
