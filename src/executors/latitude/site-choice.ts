import type { Plan } from '../../clients/latitude/wire.js';
import type { PriceList } from './cost.js';

export interface PlanNeed {
  plan: string;
  count: number;
}

export interface RegionDesired {
  site?: string;
  auto: boolean;
  fallback: string[];
  plans: PlanNeed[];
}

export interface SiteChoice {
  site: string;
  reason: string;
  /** The catalog's price list of each of the spec's plans at the site (null: none given). */
  prices?: Record<string, PriceList | null>;
}

export type ChoiceResult = { ok: true; choice: SiteChoice } | { ok: false; message: string; hint: string };

const fmt = (needs: PlanNeed[]): string => needs.map((n) => `${n.plan} ×${n.count}`).join(', ');

/**
 * Why a plan cannot supply `count` servers at `site`, or undefined when it can.
 * Availability is membership of `locations.in_stock` (the region-level `stock_level`
 * covers a whole country); the API gives no unit counts, but `unique` means one.
 */
export function shortage(plans: Plan[], need: PlanNeed, site: string): string | undefined {
  const plan = plans.find((p) => p.attributes.slug === need.plan);
  if (!plan) return `${need.plan} is not a Latitude plan`;
  const region = plan.attributes.regions.find((r) => r.locations.available.includes(site) || r.locations.in_stock.includes(site));
  if (!region) return `${need.plan} is not offered at ${site}`;
  if (!region.locations.in_stock.includes(site)) return `${need.plan} out of stock at ${site}`;
  if (region.stock_level === 'unique' && need.count > 1) return `only one ${need.plan} left at ${site}, ${need.count} needed`;
  return undefined;
}

/**
 * The site for the cluster. Servers that already exist pin an automatic choice:
 * moving them would mean replacing every one, so stock only has to cover the nodes
 * still missing there. A fixed site is what the spec says; stock is checked for the
 * servers it still needs.
 */
export function chooseSite(desired: RegionDesired, plans: Plan[], existing: { site: string; plan: string }[]): ChoiceResult {
  const pinned = mostCommon(existing.map((e) => e.site));
  const needsAt = (site: string) => (site === pinned ? stillNeeded(desired.plans, existing.filter((e) => e.site === site)) : desired.plans);
  const shortAt = (site: string) => needsAt(site).map((n) => shortage(plans, n, site)).filter((s): s is string => !!s);

  if (!desired.auto) {
    const site = desired.site!;
    const short = shortAt(site);
    if (short.length > 0) {
      return {
        ok: false,
        message: `site ${site} (fixed in spec.region.site) cannot host the cluster: ${short.join('; ')}`,
        hint: 'choose another site, or set spec.region.auto: true with a fallback list of sites',
      };
    }
    return { ok: true, choice: { site, reason: `${site}: fixed in the spec${stockNote(needsAt(site))}` } };
  }

  if (pinned && desired.fallback.includes(pinned)) {
    const short = shortAt(pinned);
    const where = `${pinned}: where the cluster's ${existing.length} server${existing.length === 1 ? ' is' : 's are'}`;
    if (short.length > 0) {
      return {
        ok: false,
        message: `${where}, but ${short.join('; ')}`,
        hint: 'a cluster cannot span sites; wait for stock at that site or use another plan for the new nodes',
      };
    }
    return { ok: true, choice: { site: pinned, reason: `${where}${stockNote(needsAt(pinned))}` } };
  }

  const tried: string[] = [];
  for (const site of desired.fallback) {
    const short = shortAt(site);
    if (short.length === 0) {
      const skipped = tried.length > 0 ? ` (skipped ${tried.join('; ')})` : '';
      return { ok: true, choice: { site, reason: `${site}: first fallback site with ${fmt(desired.plans)} in stock${skipped}` } };
    }
    tried.push(`${site}: ${short.join(', ')}`);
  }
  return {
    ok: false,
    message: `no site in spec.region.fallback has ${fmt(desired.plans)} in stock; tried ${tried.join('; ')}`,
    hint: 'add sites to spec.region.fallback, choose plans with stock (`lsh plans list`), or try again later',
  };
}

/**
 * The spec's plans that Latitude says cannot boot iPXE: `provisionable_on` names plans by their
 * dotted name (`c2.small.x86`), not their slug. A plan the catalog does not know is left to
 * the stock check, which names it.
 */
export function plansWithoutIpxe(needs: PlanNeed[], plans: Plan[], ipxe: string[]): { plan: string; name: string }[] {
  return needs.flatMap((n) => {
    const found = plans.find((p) => p.attributes.slug === n.plan);
    return found && !ipxe.includes(found.attributes.name) ? [{ plan: n.plan, name: found.attributes.name }] : [];
  });
}

/** Sites the spec names that Latitude does not have at all (typos, retired sites). */
export function unknownSites(desired: RegionDesired, known: string[]): string[] {
  const named = desired.auto ? desired.fallback : desired.site ? [desired.site] : [];
  return named.filter((s) => !known.includes(s));
}

const stockNote = (needs: PlanNeed[]): string => (needs.length > 0 ? `; ${fmt(needs)} in stock` : '');

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Plans still to be created once existing servers are counted. */
function stillNeeded(needs: PlanNeed[], existing: { plan: string }[]): PlanNeed[] {
  return needs
    .map((n) => ({ plan: n.plan, count: n.count - existing.filter((e) => e.plan === n.plan).length }))
    .filter((n) => n.count > 0);
}
