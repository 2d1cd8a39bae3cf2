import { latitudeClient } from './client.js';
import type { Plan, Server } from '../../clients/latitude/wire.js';
import type { StepContext } from '../step-kind.js';
import { priceAt, type PriceList } from './cost.js';
import { belongsTo } from './ownership.js';

/** What cto reads of a server: the step output plus what its diff needs. */
export interface ServerOutput {
  id: string;
  hostname: string;
  ipv4: string;
  status: string;
  site: string;
  plan: string;
  /** `hourly`, `monthly` or `yearly`, when the API says. */
  billing?: string;
  /** Tag names. */
  tags: string[];
  locked: boolean;
  /** The Talos API answered at `ipv4` while Latitude still reported a deployment in progress (iPXE). */
  talos?: 'maintenance' | 'configured';
  /** Whether the server is assigned to the cluster's firewall, when the spec has one and it exists. */
  firewalled?: boolean;
  /** The catalog's price of its plan at its site, when observed for a plan. */
  price?: PriceList;
}

export function toOutput(s: Server): ServerOutput {
  const billing = s.attributes.plan?.billing;
  return {
    ...(billing ? { billing } : {}),
    id: s.id,
    hostname: s.attributes.hostname,
    ipv4: s.attributes.primary_ipv4 ?? '',
    status: s.attributes.status,
    site: s.attributes.region?.site?.slug ?? '',
    plan: s.attributes.plan?.slug ?? '',
    tags: s.attributes.tags.map((t) => t.name),
    locked: s.attributes.locked ?? false,
  };
}

/**
 * The cluster's servers: ONE paginated list of the project, shared by the region step
 * and every server step of a plan or apply; servers of other clusters are dropped here
 * so nothing downstream can touch them.
 */
export async function clusterServers(ctx: StepContext): Promise<ServerOutput[]> {
  const client = await latitudeClient(ctx);
  const cluster = ctx.spec.metadata.name;
  // Keyed under `latitude:servers` so that invalidating the list drops this view of it too.
  return ctx.cache.once(`latitude:servers:of:${cluster}`, async () => {
    const all = await ctx.cache.once('latitude:servers', () => client.listServers());
    return all.map(toOutput).filter((s) => belongsTo(cluster, s));
  });
}

/** The named plans with per-site stock and prices: one `GET /plans?filter[slug]=…` per plan and run. */
export async function plansNamed(ctx: StepContext, slugs: string[]): Promise<Plan[]> {
  const client = await latitudeClient(ctx);
  const lists = await Promise.all([...new Set(slugs)].map((slug) => ctx.cache.once(`latitude:plans:${slug}`, () => client.listPlans(slug))));
  return lists.flat();
}

/** The server with what its plan costs at its site, when the catalog says. */
export async function withPrice(server: ServerOutput, ctx: StepContext): Promise<ServerOutput> {
  if (!server.plan || !server.site) return server;
  const price = priceAt(await plansNamed(ctx, [server.plan]), server.plan, server.site);
  return price ? { ...server, price } : server;
}

/**
 * The plan names the `ipxe` operating system installs on: none when the list has no `ipxe`
 * entry; undefined when the API does not say (an empty list, no `provisionable_on`), and then
 * only the create itself can tell.
 */
export async function ipxePlanNames(ctx: StepContext): Promise<string[] | undefined> {
  const client = await latitudeClient(ctx);
  const systems = await ctx.cache.once('latitude:operating-systems', () => client.listOperatingSystems());
  const ipxe = systems.find((os) => os.attributes.slug === 'ipxe');
  if (!ipxe) return systems.length > 0 ? [] : undefined;
  return ipxe.attributes.provisionable_on;
}

/**
 * Tag ids by name, creating the missing ones. Tags are team-wide; each is created at
 * most once per run even when many steps need it at the same moment.
 */
export async function tagIds(ctx: StepContext, names: string[]): Promise<string[]> {
  const client = await latitudeClient(ctx);
  const existing = await ctx.cache.once('latitude:tags', () => client.listTags());
  return Promise.all(
    names.map(async (name) => {
      const found = existing.find((t) => t.attributes.name === name);
      if (found) return found.id;
      try {
        const created = await ctx.cache.once(`latitude:tag:${name}`, () => client.createTag(name, 'managed by cto'));
        return created.id;
      } catch (err) {
        // The create may have happened; a retry must list again rather than create a twin.
        ctx.cache.invalidate('latitude:tags');
        throw err;
      }
    }),
  );
}
