import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import { latitudeClient } from '../../clients/latitude/index.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Observation } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { clusterServers, plansWithStock } from './reads.js';
import { chooseSite, unknownSites, type RegionDesired, type SiteChoice } from './site-choice.js';

async function choose(step: Step<RegionDesired>, ctx: StepContext): Promise<SiteChoice> {
  const [plans, servers] = await Promise.all([plansWithStock(ctx), clusterServers(ctx)]);
  const result = chooseSite(step.desired, plans, servers);
  if (result.ok) return result.choice;
  // Only a failed choice pays for the site list: a typo deserves a different hint than no stock.
  const known = (await (await latitudeClient(ctx)).listRegions()).map((r) => r.attributes.slug);
  const unknown = unknownSites(step.desired, known);
  throw new CtoError({
    severity: 'error',
    stepId: step.id,
    path: 'spec.region',
    message: result.message,
    hint: unknown.length > 0 ? `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a Latitude site' : 'are not Latitude sites'}; sites are ${known.join(', ')}` : result.hint,
  });
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
