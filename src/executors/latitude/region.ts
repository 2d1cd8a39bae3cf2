import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import { latitudeClient } from './client.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { priceAt } from './cost.js';
import { clusterServers, ipxePlanNames, plansNamed } from './reads.js';
import { chooseSite, plansWithoutIpxe, unknownSites, type RegionDesired, type SiteChoice } from './site-choice.js';
import type { Observation } from '../../state/observations.js';

async function choose(step: Step<RegionDesired>, ctx: StepContext): Promise<SiteChoice> {
  const slugs = step.desired.plans.map((p) => p.plan);
  const [plans, servers, ipxe] = await Promise.all([plansNamed(ctx, slugs), clusterServers(ctx), ipxePlanNames(ctx)]);
  const cannot = ipxe === undefined ? undefined : plansWithoutIpxe(step.desired.plans, plans, ipxe)[0];
  if (ipxe && cannot) {
    const n = ctx.spec.spec.nodes;
    throw new CtoError({
      severity: 'error',
      stepId: step.id,
      path: n.controlPlane.plan === cannot.plan ? 'spec.nodes.controlPlane.plan' : 'spec.nodes.workers.plan',
      message: `plan ${cannot.plan} cannot boot iPXE: Latitude does not list ${cannot.name} among the plans its \`ipxe\` operating system installs on, and cto boots Talos from iPXE`,
      hint: ipxe.length > 0 ? `choose a plan it lists (by name): ${ipxe.join(', ')}` : 'Latitude lists no plan that can boot iPXE right now',
    });
  }
  const result = chooseSite(step.desired, plans, servers);
  if (result.ok) {
    const { site } = result.choice;
    return { ...result.choice, prices: Object.fromEntries(slugs.map((slug) => [slug, priceAt(plans, slug, site) ?? null])) };
  }
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
 * `region`: the site every server goes to. It only reads (the spec's plans with stock, the
 * plans iPXE installs on, and where the cluster's servers already are), so it is a no-op
 * whenever a site can be chosen; when none can, or a plan cannot boot iPXE, the plan fails
 * here, before anything is created.
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
