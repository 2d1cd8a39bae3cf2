import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Observation } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { clusterServers, plansWithStock } from './reads.js';
import { chooseSite, type RegionDesired, type SiteChoice } from './site-choice.js';

async function choose(step: Step<RegionDesired>, ctx: StepContext): Promise<SiteChoice> {
  const [plans, servers] = await Promise.all([plansWithStock(ctx), clusterServers(ctx)]);
  const result = chooseSite(step.desired, plans, servers);
  if (!result.ok) {
    throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.region', message: result.message, hint: result.hint });
  }
  return result.choice;
}

/**
 * `region`: the site every server goes to. It only reads (plans with stock, and where
 * the cluster's servers already are), so it is a no-op whenever a site can be chosen;
 * when none can, the plan fails here, before anything is created.
 */
export const regionKind: StepKind<RegionDesired, SiteChoice> = {
  kind: 'latitude.region',
  async observe(step, ctx): Promise<Observation<SiteChoice>> {
    return { state: 'present', value: await choose(step, ctx) };
  },
  diff(_step, observed) {
    const reason = observed.state === 'present' ? observed.value.reason : 'site is chosen when the plan is applied';
    return { action: 'noop', fields: [], reason };
  },
  apply(step, _change, ctx) {
    return choose(step, ctx);
  },
  limits: { retry: { attempts: 3, baseMs: 1_000, maxMs: 10_000 } },
  retryable: isTransientLatitudeError,
};
