import { BRL_PER_USD, OPERATING_SYSTEMS, PLANS, PRICE_FACTOR, SITES, planName, type OperatingSystem, type PlanSpec, type Site } from './catalog.js';
import { fingerprint, type SimProject, type SimServer, type SimSshKey, type SimState, type SimTag } from './state.js';

/**
 * Resources as Latitude puts them on the wire: key names, nesting and JSON types follow
 * the recorded responses (`test/contract` checks them against the recordings).
 */

const TEAM = {
  id: 'team_SiM0cto0Simulator0Team0001',
  name: 'cto simulator',
  slug: 'cto-simulator',
  description: 'Simulated Latitude.sh team',
  address: '127.0.0.1',
  currency: { id: 'cur_87vRENkgNdPyk', code: 'USD', name: 'United States Dollar' },
  status: 'verified',
};

const USER = {
  id: 'user_SiM0cto0Simulator0User0001',
  first_name: 'Sim',
  last_name: 'Ulator',
  email: 'sim@cto.invalid',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  role: { id: 'role_SiM0cto0Simulator0Role0001', name: 'owner', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' },
};

const round2 = (n: number): number => Math.round(n * 100) / 100;

function pricing(usdHour: number) {
  const usd = { hour: usdHour, month: Math.round(usdHour * 730 * 0.95), year: Math.round(usdHour * 8760 * 0.7) };
  return {
    USD: usd,
    BRL: { hour: round2(usd.hour * BRL_PER_USD), month: Math.round(usd.month * BRL_PER_USD), year: Math.round(usd.year * BRL_PER_USD) },
  };
}

function planRef(s: SimServer) {
  return { id: s.plan.id, name: planName(s.plan.slug), slug: s.plan.slug, billing: s.billing };
}

function specsOf(plan: PlanSpec) {
  return { cpu: plan.delivered.cpu, disk: plan.delivered.disk, ram: plan.delivered.ram, nic: plan.delivered.nic };
}

export function regionOf(site: Site) {
  return { city: site.name, country: site.country, site: { id: site.id, name: site.name, slug: site.slug, facility: site.facility } };
}

export function project(p: SimProject, state: SimState) {
  const servers = state.serverCount(p.id);
  return {
    id: p.id,
    type: 'projects',
    attributes: {
      tags: [],
      name: p.name,
      slug: p.slug,
      description: '',
      bandwidth_alert: false,
      environment: 'Development',
      provisioning_type: 'on_demand',
      billing_type: 'Normal',
      billing_method: 'Normal',
      billing: { subscription_id: 'sub_SiM0cto0Simulator01', type: 'Normal', method: 'Normal' },
      team: TEAM,
      stats: { databases: 0, ip_addresses: servers, prefixes: 0, servers, storages: 0, virtual_machines: 0, vlans: 0 },
      created_at: p.createdAt,
      updated_at: p.createdAt,
    },
  };
}

/** `POST /servers` answers with a partial server: no project, region, OS or tags. */
export function serverCreated(s: SimServer) {
  return {
    type: 'servers',
    id: s.id,
    attributes: {
      hostname: s.hostname,
      label: s.label,
      role: 'Bare Metal',
      status: s.status,
      primary_ipv4: s.ipv4,
      specs: specsOf(s.plan),
      plan: planRef(s),
    },
  };
}

export function server(s: SimServer, state: SimState) {
  const p = state.projects.find((x) => x.id === s.projectId)!;
  const os = OPERATING_SYSTEMS.find((o) => o.slug === s.os)!;
  const projectAttrs = project(p, state).attributes;
  return {
    id: s.id,
    type: 'servers',
    attributes: {
      tags: s.tagIds.map((id) => state.tags.get(id)).filter((t): t is SimTag => !!t).map((t) => ({ id: t.id, name: t.name, description: t.description, color: t.color })),
      hostname: s.hostname,
      label: s.label,
      price: round2(s.plan.usdHour * 0.85),
      role: 'Bare Metal',
      primary_ipv4: s.ipv4,
      status: s.status,
      ipmi_status: 'Normal',
      created_at: s.createdAt,
      scheduled_deletion_at: null,
      locked: s.locked,
      rescue_allowed: os.features.rescue,
      region: regionOf(s.site),
      team: { ...TEAM, feature_flags: ['databases', 'firewall', 'gpu_instances', 'usage_insights'] },
      project: {
        id: p.id,
        name: p.name,
        slug: p.slug,
        description: projectAttrs.description,
        billing_type: projectAttrs.billing_type,
        billing_method: projectAttrs.billing_method,
        bandwidth_alert: projectAttrs.bandwidth_alert,
        environment: projectAttrs.environment,
        billing: projectAttrs.billing,
        stats: projectAttrs.stats,
      },
      plan: planRef(s),
      operating_system: { name: os.name, slug: os.slug, version: os.version, features: os.features, distro: os.distro },
      specs: { ...specsOf(s.plan), gpu: null },
    },
  };
}

/** Stock level of a country-region, from the units left in its sites. */
function stockLevel(units: number): string {
  if (units <= 0) return 'unavailable';
  if (units === 1) return 'unique';
  if (units <= 3) return 'low';
  if (units <= 10) return 'medium';
  return 'high';
}

export function plan(p: PlanSpec, state: SimState) {
  const countries = [...new Set(SITES.map((s) => s.country))];
  return {
    id: p.id,
    type: 'plans',
    attributes: {
      slug: p.slug,
      name: planName(p.slug),
      features: ['ssh', 'raid', 'user_data'],
      specs: {
        cpu: p.cpu,
        memory: { total: p.memoryGb },
        drives: p.drives,
        nics: [{ count: 1, type: p.nic }],
        gpu: p.gpu ?? {},
      },
      regions: countries.map((country) => {
        const sites = SITES.filter((s) => s.country === country);
        const inStock = sites.filter((s) => state.inStock(p.slug, s.slug) > 0);
        return {
          name: country,
          // Pre-provisioned stock exists only where there is stock at all.
          deploys_instantly: inStock.length > 0 ? ['ubuntu_24_04_x64_lts'] : [],
          locations: { available: sites.map((s) => s.slug), in_stock: inStock.map((s) => s.slug) },
          stock_level: stockLevel(sites.reduce((n, s) => n + state.inStock(p.slug, s.slug), 0)),
          pricing: pricing(round2(p.usdHour * (PRICE_FACTOR[country] ?? 1))),
        };
      }),
    },
  };
}

export const plans = (state: SimState) => PLANS.map((p) => plan(p, state));

/** An item of `GET /plans/operating_systems`: `distro` is a word here, an object in a server. */
export function operatingSystem(os: OperatingSystem, provisionableOn: string[]) {
  return {
    id: os.id,
    type: 'operating_system',
    attributes: { name: os.name, distro: os.distro.name, slug: os.slug, version: os.version, user: os.user, features: os.features, provisionable_on: provisionableOn },
  };
}

export function region(site: Site) {
  return {
    id: site.id,
    type: 'regions',
    attributes: { name: site.name, slug: site.slug, facility: site.facility, country: { name: site.country, slug: site.countrySlug }, type: 'Core' },
  };
}

export function tag(t: SimTag) {
  return { id: t.id, type: 'tags', attributes: { name: t.name, slug: t.name.toLowerCase(), description: t.description, color: t.color, team: TEAM } };
}

export function sshKey(k: SimSshKey) {
  return {
    id: k.id,
    type: 'ssh_keys',
    attributes: {
      tags: k.tags,
      name: k.name,
      public_key: k.publicKey,
      fingerprint: fingerprint(k.publicKey),
      created_at: k.createdAt,
      updated_at: k.updatedAt,
      user: USER,
    },
  };
}
