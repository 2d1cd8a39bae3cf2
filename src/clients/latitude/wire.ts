import { CtoError } from '../../diagnostics/error.js';

/**
 * What the Latitude API puts on the wire, and lenient decoders for it.
 * Enumerations (status, site, plan) are plain strings: the real API returns
 * values outside the published enums (`starting_deploy`, new sites).
 */

export interface Resource<A> {
  id: string;
  type: string;
  attributes: A;
}

export interface Envelope<T> {
  data: T;
  meta?: Record<string, unknown>;
}

export interface ErrorObject {
  /** Usually the HTTP code as a string, but `"locked"` on 423. */
  status?: string | null;
  /** `not_found`, `RATE_LIMIT_EXCEEDED`, or null. */
  code?: string | null;
  title?: string | null;
  detail?: string | null;
  meta?: Record<string, unknown>;
}

export interface TagRef {
  id: string;
  name: string;
  description?: string | null;
  color?: string | null;
}

export interface ServerAttributes {
  hostname: string;
  status: string;
  primary_ipv4?: string | null;
  label?: string | null;
  role?: string | null;
  locked?: boolean;
  tags: TagRef[];
  plan?: { id?: string; name?: string; slug: string; billing?: string | null };
  region?: { city?: string; country?: string; site?: { id?: string; name?: string; slug: string; facility?: string } };
  project?: { id: string; name?: string; slug?: string };
  operating_system?: { name?: string; slug?: string } | null;
  specs?: Record<string, unknown>;
  created_at?: string;
}

export type Server = Resource<ServerAttributes>;

export interface PlanRegion {
  name: string;
  deploys_instantly?: string[];
  locations: { available: string[]; in_stock: string[] };
  /** Per country-region, not per site; absent in 2024 responses. */
  stock_level?: string;
  /** Price of one server at the sites of this region, by currency code (`USD`, `BRL`). */
  pricing?: Record<string, Price>;
}

/** A price list entry; a figure the API left out or wrote unreadably is absent, never zero. */
export interface Price {
  hour?: number;
  month?: number;
  year?: number;
}

/** One line of a plan's `specs.drives`: `{count: 2, size: "1.9 TB", type: "NVME"}`. */
export interface PlanDrive {
  count: number;
  size: string;
  type: string;
}

export interface PlanAttributes {
  slug: string;
  name: string;
  regions: PlanRegion[];
  /** Absent when the catalog does not say (decoded leniently: the rest of the plan still counts). */
  drives?: PlanDrive[];
}

export type Plan = Resource<PlanAttributes>;

export interface OperatingSystemAttributes {
  slug: string;
  /** Plan **names** (dotted, `c2.small.x86`) the system can be installed on; absent when the API leaves it out. */
  provisionable_on?: string[];
}

export type OperatingSystem = Resource<OperatingSystemAttributes>;

export interface RegionAttributes {
  slug: string;
  name: string;
  country?: { slug?: string; name?: string };
}

export type Region = Resource<RegionAttributes>;

export interface TagAttributes {
  name: string;
  slug?: string;
  description?: string | null;
  color?: string | null;
}

export type Tag = Resource<TagAttributes>;

/** An answer not in the shape of the Latitude API: like the client's other errors, one a user reads as it is. */
export class DecodeError extends CtoError {
  constructor(what: string, path: string) {
    super({
      severity: 'error',
      message: `unexpected Latitude API response: ${what} at ${path}`,
      hint: 'the answer is not in the shape of the Latitude API cto knows; check that spec.provider.latitude.endpoint is the Latitude API',
    });
    this.name = 'DecodeError';
  }
}

type Json = unknown;

export function obj(v: Json, path: string): Record<string, Json> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new DecodeError('expected an object', path);
  return v as Record<string, Json>;
}

export function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) throw new DecodeError('expected an array', path);
  return v;
}

export function str(v: Json, path: string): string {
  if (typeof v !== 'string') throw new DecodeError('expected a string', path);
  return v;
}

export function optStr(v: Json, path: string): string | null | undefined {
  if (v === undefined || v === null) return v;
  return str(v, path);
}

function strList(v: Json, path: string): string[] {
  return arr(v, path).map((x, i) => str(x, `${path}[${i}]`));
}

export function resource<A>(v: Json, path: string, attrs: (a: Record<string, Json>, p: string) => A): Resource<A> {
  const o = obj(v, path);
  return {
    id: str(o['id'], `${path}.id`),
    type: str(o['type'], `${path}.type`),
    attributes: attrs(obj(o['attributes'], `${path}.attributes`), `${path}.attributes`),
  };
}

/** `{data: …, meta?}`; `meta` is absent on some endpoints (`/tags`). */
export function decodeEnvelope(body: Json): Envelope<Json> {
  const o = obj(body, '$');
  if (!('data' in o)) throw new DecodeError('missing data', '$');
  const meta = o['meta'] === undefined ? undefined : obj(o['meta'], '$.meta');
  return meta === undefined ? { data: o['data'] } : { data: o['data'], meta };
}

export function decodeList<A>(body: Json, one: (v: Json, path: string) => Resource<A>): { items: Resource<A>[]; meta: Record<string, unknown> } {
  const env = decodeEnvelope(body);
  return { items: arr(env.data, '$.data').map((x, i) => one(x, `$.data[${i}]`)), meta: env.meta ?? {} };
}

export function decodeOne<A>(body: Json, one: (v: Json, path: string) => Resource<A>): Resource<A> {
  return one(decodeEnvelope(body).data, '$.data');
}

function tagRef(v: Json, path: string): TagRef {
  // A PATCH request carries tag ids; responses embed objects.
  if (typeof v === 'string') return { id: v, name: v };
  const o = obj(v, path);
  return {
    id: str(o['id'], `${path}.id`),
    name: str(o['name'], `${path}.name`),
    description: optStr(o['description'], `${path}.description`),
    color: optStr(o['color'], `${path}.color`),
  };
}

export function server(v: Json, path: string): Server {
  return resource(v, path, (a, p) => {
    const attrs: ServerAttributes = {
      hostname: str(a['hostname'], `${p}.hostname`),
      status: str(a['status'], `${p}.status`),
      primary_ipv4: optStr(a['primary_ipv4'], `${p}.primary_ipv4`),
      label: optStr(a['label'], `${p}.label`),
      role: optStr(a['role'], `${p}.role`),
      tags: a['tags'] === undefined ? [] : arr(a['tags'], `${p}.tags`).map((t, i) => tagRef(t, `${p}.tags[${i}]`)),
    };
    if (typeof a['locked'] === 'boolean') attrs.locked = a['locked'];
    if (a['plan'] !== undefined && a['plan'] !== null) {
      const plan = obj(a['plan'], `${p}.plan`);
      attrs.plan = { slug: str(plan['slug'], `${p}.plan.slug`) };
      if (typeof plan['id'] === 'string') attrs.plan.id = plan['id'];
      if (typeof plan['name'] === 'string') attrs.plan.name = plan['name'];
      attrs.plan.billing = optStr(plan['billing'], `${p}.plan.billing`);
    }
    if (a['region'] !== undefined && a['region'] !== null) {
      const region = obj(a['region'], `${p}.region`);
      const site = obj(region['site'], `${p}.region.site`);
      attrs.region = { site: { slug: str(site['slug'], `${p}.region.site.slug`) } };
      if (typeof region['city'] === 'string') attrs.region.city = region['city'];
      if (typeof region['country'] === 'string') attrs.region.country = region['country'];
      if (typeof site['name'] === 'string') attrs.region.site!.name = site['name'];
    }
    if (a['project'] !== undefined && a['project'] !== null) {
      const project = obj(a['project'], `${p}.project`);
      attrs.project = { id: str(project['id'], `${p}.project.id`) };
      if (typeof project['slug'] === 'string') attrs.project.slug = project['slug'];
      if (typeof project['name'] === 'string') attrs.project.name = project['name'];
    }
    if (a['operating_system'] !== undefined && a['operating_system'] !== null) {
      const os = obj(a['operating_system'], `${p}.operating_system`);
      attrs.operating_system = { slug: str(os['slug'], `${p}.operating_system.slug`) };
    }
    if (typeof a['created_at'] === 'string') attrs.created_at = a['created_at'];
    return attrs;
  });
}

/** `specs.drives`, or undefined when it is missing or not in the recorded shape. */
function planDrives(specs: Json): PlanDrive[] | undefined {
  const drives = (specs as { drives?: unknown } | null | undefined)?.drives;
  if (!Array.isArray(drives)) return undefined;
  const out = drives.map((d) => d as Partial<PlanDrive> | null);
  if (!out.every((d) => typeof d?.count === 'number')) return undefined;
  return out.map((d) => ({ count: d!.count!, size: typeof d!.size === 'string' ? d!.size : '', type: typeof d!.type === 'string' ? d!.type : '' }));
}

export function plan(v: Json, path: string): Plan {
  return resource(v, path, (a, p) => ({
    slug: str(a['slug'], `${p}.slug`),
    name: str(a['name'], `${p}.name`),
    ...(planDrives(a['specs']) ? { drives: planDrives(a['specs'])! } : {}),
    regions: arr(a['regions'], `${p}.regions`).map((r, i) => {
      const rp = `${p}.regions[${i}]`;
      const ro = obj(r, rp);
      const loc = obj(ro['locations'], `${rp}.locations`);
      const out: PlanRegion = {
        name: str(ro['name'], `${rp}.name`),
        locations: {
          available: strList(loc['available'], `${rp}.locations.available`),
          in_stock: strList(loc['in_stock'], `${rp}.locations.in_stock`),
        },
      };
      if (ro['deploys_instantly'] !== undefined) out.deploys_instantly = strList(ro['deploys_instantly'], `${rp}.deploys_instantly`);
      if (typeof ro['stock_level'] === 'string') out.stock_level = ro['stock_level'];
      const pricing = pricingOf(ro['pricing']);
      if (pricing) out.pricing = pricing;
      return out;
    }),
  }));
}

/**
 * `pricing` read leniently: the CLI has seen figures as numbers and as numeric strings
 * (`flexibleString` in latitudesh/cli `new_plans_list.go`); anything else is left out.
 */
function pricingOf(v: Json): Record<string, Price> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, Price> = {};
  for (const [currency, raw] of Object.entries(v as Record<string, Json>)) {
    if (raw === null || typeof raw !== 'object') continue;
    const price: Price = {};
    for (const period of ['hour', 'month', 'year'] as const) {
      const figure = (raw as Record<string, Json>)[period];
      const n = typeof figure === 'number' ? figure : typeof figure === 'string' && figure.trim() !== '' ? Number(figure) : NaN;
      if (Number.isFinite(n) && n >= 0) price[period] = n;
    }
    out[currency] = price;
  }
  return out;
}

export function operatingSystem(v: Json, path: string): OperatingSystem {
  return resource(v, path, (a, p) => {
    const out: OperatingSystemAttributes = { slug: str(a['slug'], `${p}.slug`) };
    if (Array.isArray(a['provisionable_on'])) out.provisionable_on = a['provisionable_on'].filter((x): x is string => typeof x === 'string');
    return out;
  });
}

/**
 * The items of a list whose `attributes.slug` is `slug`, decoded strictly; every other item is
 * skipped without being decoded, so an odd entry elsewhere in a catalog cannot fail the read.
 */
export function decodeListOf<A>(body: Json, slug: string, one: (v: Json, path: string) => Resource<A>): Resource<A>[] {
  const data = arr(decodeEnvelope(body).data, '$.data');
  return data.flatMap((item, i) => {
    const attrs = item !== null && typeof item === 'object' ? (item as { attributes?: { slug?: unknown } }).attributes : undefined;
    return attrs?.slug === slug ? [one(item, `$.data[${i}]`)] : [];
  });
}

export function region(v: Json, path: string): Region {
  return resource(v, path, (a, p) => {
    const out: RegionAttributes = { slug: str(a['slug'], `${p}.slug`), name: str(a['name'], `${p}.name`) };
    if (a['country'] !== undefined && a['country'] !== null) {
      const c = obj(a['country'], `${p}.country`);
      out.country = {};
      if (typeof c['slug'] === 'string') out.country.slug = c['slug'];
      if (typeof c['name'] === 'string') out.country.name = c['name'];
    }
    return out;
  });
}

export function tag(v: Json, path: string): Tag {
  return resource(v, path, (a, p) => ({
    name: str(a['name'], `${p}.name`),
    slug: optStr(a['slug'], `${p}.slug`) ?? undefined,
    description: optStr(a['description'], `${p}.description`),
    color: optStr(a['color'], `${p}.color`),
  }));
}

/** Any resource, attributes kept as they came: for endpoints the product does not model. */
export function anyResource(v: Json, path: string): Resource<Record<string, unknown>> {
  return resource(v, path, (a) => a);
}

/** The `errors[]` array of an error body; `status` may be a word (`"locked"`), `code` may be null. */
export function decodeErrors(body: Json): ErrorObject[] {
  const o = obj(body, '$');
  return arr(o['errors'], '$.errors').map((e, i) => {
    const p = `$.errors[${i}]`;
    const eo = obj(e, p);
    const out: ErrorObject = {
      status: optStr(eo['status'], `${p}.status`),
      code: optStr(eo['code'], `${p}.code`),
      title: optStr(eo['title'], `${p}.title`),
      detail: optStr(eo['detail'], `${p}.detail`),
    };
    if (eo['meta'] !== undefined && eo['meta'] !== null) out.meta = obj(eo['meta'], `${p}.meta`);
    return out;
  });
}
