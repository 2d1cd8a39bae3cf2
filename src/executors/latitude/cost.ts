import type { Plan, Price } from '../../clients/latitude/wire.js';
import { cents, type CostChange, type Money } from '../../planner/change.js';

/** A plan's price list at one site, by currency: the `pricing` of the country-region that offers the site. */
export type PriceList = Record<string, Price>;

export function priceAt(plans: Plan[], slug: string, site: string): PriceList | undefined {
  const plan = plans.find((p) => p.attributes.slug === slug);
  const region = plan?.attributes.regions.find((r) => r.locations.available.includes(site) || r.locations.in_stock.includes(site));
  return region?.pricing;
}

/**
 * The bill change of one server, in `currency`, from the catalog prices before and after
 * (`null`: there is a server, but its price is unknown; absent side: no server).
 */
export function costChange(currency: string, before: PriceList | null | undefined, after: PriceList | null | undefined): CostChange {
  const money = (list: PriceList | null): Money => ({ hour: list?.[currency]?.hour ?? null, month: list?.[currency]?.month ?? null });
  const was = before === undefined ? undefined : money(before);
  const will = after === undefined ? undefined : money(after);
  const delta = (key: keyof Money): number | null => {
    const a = will ? will[key] : 0;
    const b = was ? was[key] : 0;
    return a === null || b === null ? null : cents(a - b);
  };
  return { currency, ...(was ? { before: was } : {}), ...(will ? { after: will } : {}), change: { hour: delta('hour'), month: delta('month') } };
}
