import { createHash } from 'node:crypto';
import { invalid, locked, notFound } from './api-errors.js';
import { OPERATING_SYSTEMS, PLANS, SITES, planName, type PlanSpec, type Site } from './catalog.js';
import type { SimFaults, SimOptions } from './options.js';
import { SimNetworks } from './networks.js';
import { Random } from './random.js';

export interface SimProject {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

export interface SimServer {
  id: string;
  hostname: string;
  label: string;
  projectId: string;
  plan: PlanSpec;
  site: Site;
  os: string;
  billing: string;
  status: string;
  ipv4: string;
  /** Decoded iPXE script or URL of the last (re)install. */
  ipxe: string | undefined;
  tagIds: string[];
  locked: boolean;
  createdAt: string;
  disks: string[];
  reinstalls: number;
  /** Bumped on every (re)install and delete so that stale timers do nothing. */
  generation: number;
}

export interface SimTag {
  id: string;
  name: string;
  description: string;
  color: string;
}

export interface SimSshKey {
  id: string;
  projectId: string;
  name: string;
  publicKey: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SimVlan {
  id: string;
  vid: number;
  site: Site;
  projectId: string;
  description: string;
  tags: string[];
}

export interface CreateServerRequest {
  project?: unknown;
  plan?: unknown;
  site?: unknown;
  operating_system?: unknown;
  hostname?: unknown;
  billing?: unknown;
  ipxe?: unknown;
  ipxe_url?: unknown;
}

const DEFAULT_STOCK = 10;

/** Everything the simulated account holds, and the rules that change it. */
export class SimState {
  readonly projects: SimProject[] = [];
  readonly servers = new Map<string, SimServer>();
  readonly tags = new Map<string, SimTag>();
  readonly sshKeys = new Map<string, SimSshKey>();
  readonly vlans = new Map<string, SimVlan>();
  /** VLAN assignments, firewalls and their assignments. */
  readonly networks = new SimNetworks(this);
  /** plan slug → site slug → units left. */
  readonly stock = new Map<string, Map<string, number>>();
  /** `METHOD /route/:id` → number of calls, for tests and benchmarks. */
  readonly calls = new Map<string, number>();
  /** HTTP status → number of answers; 0 counts connections dropped unanswered. */
  readonly answers = new Map<number, number>();
  /** What the deploy/delete hooks threw; a server whose deploy hook throws ends in `failed_deployment`. */
  readonly hookErrors: unknown[] = [];
  readonly random: Random;
  /** The faults injected from now on; a fault campaign swaps them between scenarios of one running world. */
  faults: SimFaults;
  /** Fault kind (a `SimFaults` key) → times injected, so a campaign knows its faults really happened. */
  readonly injected = new Map<keyof SimFaults, number>();
  /** Servers per project id, kept so that rendering a long list stays linear. */
  readonly #perProject = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #opts: SimOptions;
  #ipCounter = 0;
  #vid = 2000;
  #clock = Date.parse('2026-01-05T10:00:00Z');

  constructor(opts: SimOptions) {
    this.#opts = opts;
    this.random = new Random(opts.seed ?? 1);
    this.faults = { ...opts.faults };
    for (const p of opts.projects ?? [{ name: 'cto-sim' }]) {
      this.projects.push({
        id: p.id ?? this.random.id('proj'),
        name: p.name,
        slug: p.slug ?? p.name.toLowerCase(),
        createdAt: this.#now(),
      });
    }
    for (const plan of PLANS) {
      const perSite = new Map<string, number>();
      for (const site of SITES) perSite.set(site.slug, opts.stock ? (opts.stock[plan.slug]?.[site.slug] ?? 0) : DEFAULT_STOCK);
      this.stock.set(plan.slug, perSite);
    }
  }

  /** Plan slugs iPXE installs on (`SimOptions.ipxePlans`). */
  get ipxePlans(): string[] {
    return this.#opts.ipxePlans ?? PLANS.map((p) => p.slug);
  }

  get extraPlans(): Record<string, unknown>[] {
    return this.#opts.extraPlans ?? [];
  }

  get timeScale(): number {
    return this.#opts.timeScale ?? 1;
  }

  project(idOrSlug: string): SimProject | undefined {
    return this.projects.find((p) => p.id === idOrSlug || p.slug === idOrSlug);
  }

  serverCount(projectId: string): number {
    return this.#perProject.get(projectId) ?? 0;
  }

  inStock(plan: string, site: string): number {
    return this.stock.get(plan)?.get(site) ?? 0;
  }

  createServer(req: CreateServerRequest): SimServer {
    const project = typeof req.project === 'string' ? this.project(req.project) : undefined;
    if (typeof req.project !== 'string' || req.project === '') throw invalid('project', 'must be informed');
    if (!project) throw notFound();
    if (typeof req.hostname !== 'string' || req.hostname === '') throw invalid('hostname', 'must be informed');
    checkHostname(req.hostname);
    const plan = PLANS.find((p) => p.slug === req.plan);
    if (!plan) throw invalid('plan', `${String(req.plan)} is not a valid plan`);
    const site = SITES.find((s) => s.slug === (typeof req.site === 'string' ? req.site.toUpperCase() : ''));
    if (!site) throw invalid('site', `${String(req.site)} is not a valid site`);
    const os = OPERATING_SYSTEMS.find((o) => o.slug === req.operating_system);
    if (!os) throw invalid('operating_system', `${String(req.operating_system)} is not a valid operating system`);
    const ipxe = decodeIpxe(req.ipxe ?? req.ipxe_url);
    if (os.slug === 'ipxe' && ipxe === undefined) throw invalid('ipxe', 'must be informed');
    if (os.slug === 'ipxe' && !this.ipxePlans.includes(plan.slug)) throw invalid('operating_system', `ipxe is not provisionable on ${planName(plan.slug)}`);
    const billing = req.billing ?? 'hourly';
    if (billing !== 'hourly' && billing !== 'monthly' && billing !== 'yearly') throw invalid('billing', `${String(billing)} is not valid`);
    const left = this.inStock(plan.slug, site.slug);
    if (left <= 0) throw invalid('plan', `${plan.slug} is out of stock at ${site.slug}`);
    this.stock.get(plan.slug)!.set(site.slug, left - 1);
    const server: SimServer = {
      id: this.random.id('sv'),
      hostname: req.hostname,
      label: `21BS${String(100000 + Math.floor(this.random.next() * 899999))}`,
      projectId: project.id,
      plan,
      site,
      os: os.slug,
      billing,
      status: 'starting_deploy',
      ipv4: this.#nextIp(),
      ipxe: os.slug === 'ipxe' ? ipxe : undefined,
      tagIds: [],
      locked: false,
      createdAt: this.#now(),
      disks: this.#opts.disks?.[plan.slug] ?? plan.disks,
      reinstalls: 0,
      generation: 0,
    };
    this.servers.set(server.id, server);
    this.#perProject.set(project.id, this.serverCount(project.id) + 1);
    this.#deploy(server, false);
    return server;
  }

  server(id: string): SimServer {
    const s = this.servers.get(id);
    if (!s) throw notFound();
    return s;
  }

  updateServer(id: string, attrs: { hostname?: unknown; tags?: unknown; billing?: unknown }): SimServer {
    const s = this.server(id);
    if (s.locked) throw locked();
    if (attrs.hostname !== undefined) {
      if (typeof attrs.hostname !== 'string' || attrs.hostname === '') throw invalid('hostname', 'is invalid');
      checkHostname(attrs.hostname);
      s.hostname = attrs.hostname;
    }
    if (attrs.tags !== undefined) {
      if (!Array.isArray(attrs.tags)) throw invalid('tags', 'must be a list of tag ids');
      const ids = attrs.tags.filter((t): t is string => typeof t === 'string' && t !== '');
      const unknown = ids.find((t) => !this.tags.has(t));
      if (unknown) throw invalid('tags', `${unknown} does not exist`);
      s.tagIds = [...new Set(ids)];
    }
    if (attrs.billing !== undefined) {
      const order = ['hourly', 'monthly', 'yearly'];
      const to = order.indexOf(String(attrs.billing));
      if (to < 0) throw invalid('billing', `${String(attrs.billing)} is not valid`);
      if (to < order.indexOf(s.billing)) throw invalid('billing', `cannot be downgraded from ${s.billing}`);
      s.billing = order[to]!;
    }
    return s;
  }

  deleteServer(id: string): void {
    const s = this.server(id);
    if (s.locked) throw locked();
    s.generation++;
    this.servers.delete(id);
    this.#perProject.set(s.projectId, this.serverCount(s.projectId) - 1);
    const perSite = this.stock.get(s.plan.slug)!;
    perSite.set(s.site.slug, (perSite.get(s.site.slug) ?? 0) + 1);
    this.networks.serverDeleted(s.id);
    this.#deleted(s);
  }

  reinstall(id: string, attrs: { operating_system?: unknown; hostname?: unknown; ipxe?: unknown; ipxe_url?: unknown }): void {
    const s = this.server(id);
    if (s.locked) throw locked();
    const os = attrs.operating_system === undefined ? s.os : attrs.operating_system;
    if (!OPERATING_SYSTEMS.some((o) => o.slug === os)) throw invalid('operating_system', `${String(os)} is not a valid operating system`);
    const ipxe = decodeIpxe(attrs.ipxe ?? attrs.ipxe_url) ?? s.ipxe;
    if (os === 'ipxe' && ipxe === undefined) throw invalid('ipxe', 'must be informed');
    if (typeof attrs.hostname === 'string' && attrs.hostname !== '') s.hostname = checkHostname(attrs.hostname);
    s.os = String(os);
    s.ipxe = os === 'ipxe' ? ipxe : undefined;
    s.reinstalls++;
    this.#deleted(s);
    this.#deploy(s, true);
  }

  setLocked(id: string, value: boolean): SimServer {
    const s = this.server(id);
    s.locked = value;
    return s;
  }

  createTag(attrs: { name?: unknown; description?: unknown; color?: unknown }): SimTag {
    if (typeof attrs.name !== 'string' || attrs.name === '') throw invalid('name', 'must be informed');
    const t: SimTag = {
      id: this.random.id('tag', 27),
      name: attrs.name,
      description: typeof attrs.description === 'string' ? attrs.description : '',
      color: typeof attrs.color === 'string' ? attrs.color : '#ffffff',
    };
    this.tags.set(t.id, t);
    return t;
  }

  deleteTag(id: string): void {
    if (!this.tags.delete(id)) throw notFound();
    for (const s of this.servers.values()) s.tagIds = s.tagIds.filter((t) => t !== id);
  }

  createSshKey(projectId: string, attrs: { name?: unknown; public_key?: unknown }): SimSshKey {
    if (!this.project(projectId)) throw notFound();
    if (typeof attrs.public_key !== 'string' || !/^ssh-\S+ \S+/.test(attrs.public_key)) throw invalid('public_key', 'is invalid');
    const k: SimSshKey = {
      id: this.random.id('ssh'),
      projectId,
      name: typeof attrs.name === 'string' ? attrs.name : '',
      publicKey: attrs.public_key,
      tags: [],
      createdAt: this.#now(),
      updatedAt: this.#now(),
    };
    this.sshKeys.set(k.id, k);
    return k;
  }

  sshKey(projectId: string, id: string): SimSshKey {
    const k = this.sshKeys.get(id);
    if (!k || !this.project(projectId) || this.project(projectId)!.id !== this.project(k.projectId)!.id) throw notFound();
    return k;
  }

  createVlan(attrs: { description?: unknown; site?: unknown; project?: unknown }): SimVlan {
    const project = typeof attrs.project === 'string' ? this.project(attrs.project) : undefined;
    if (!project) throw notFound();
    const site = SITES.find((s) => s.slug === attrs.site);
    if (!site) throw invalid('site', `${String(attrs.site)} is not a valid site`);
    if (typeof attrs.description !== 'string') throw invalid('description', 'must be informed');
    const v: SimVlan = { id: this.random.id('vlan'), vid: ++this.#vid, site, projectId: project.id, description: attrs.description, tags: [] };
    this.vlans.set(v.id, v);
    return v;
  }

  vlan(id: string): SimVlan {
    const v = this.vlans.get(id);
    if (!v) throw notFound();
    return v;
  }

  recordCall(key: string): void {
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  recordAnswer(status: number): void {
    this.answers.set(status, (this.answers.get(status) ?? 0) + 1);
  }

  recordFault(kind: keyof SimFaults): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  /** Stops every pending status transition. */
  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  /**
   * Create: `starting_deploy` → `deploying` → `on`. Reinstall: the old status stays a
   * moment (as the real API's stale first read does), then `disk_erasing` → `deploying` → `on`.
   * With `ipxeStatusLagSeconds`, an iPXE server has booted (hook called) while still `deploying`.
   */
  #deploy(s: SimServer, reinstall: boolean): void {
    const gen = ++s.generation;
    const total = (this.#opts.deploySeconds ?? 600) * 1000 * this.timeScale;
    const fail = this.random.chance(this.faults.failDeployRate ?? 0);
    if (fail) this.recordFault('failDeployRate');
    const steps: [number, string][] = reinstall
      ? [[0.05, 'disk_erasing'], [0.3, 'deploying']]
      : [[0.1, 'deploying']];
    for (const [at, status] of steps) this.#at(total * at, () => s.generation === gen && (s.status = status));
    // Failed deployments take about three times as long to say so (~30 min against ~10).
    this.#at(fail ? total * 3 : total, async () => {
      if (s.generation !== gen) return;
      if (fail) {
        s.status = 'failed_deployment';
        return;
      }
      try {
        await this.#opts.onServerDeployed?.({ id: s.id, hostname: s.hostname, ipv4: s.ipv4, disks: s.disks, ipxe: s.ipxe });
      } catch (err) {
        this.hookErrors.push(err);
        if (s.generation === gen) s.status = 'failed_deployment';
        return;
      }
      if (s.generation !== gen) return;
      const lag = s.os === 'ipxe' ? (this.#opts.ipxeStatusLagSeconds ?? 0) : 0;
      if (lag === 0) s.status = 'on';
      else if (Number.isFinite(lag)) this.#at(lag * 1000 * this.timeScale, () => s.generation === gen && (s.status = 'on'));
    });
  }

  #deleted(s: SimServer): void {
    this.#opts.onServerDeleted?.({ id: s.id, hostname: s.hostname, ipv4: s.ipv4 }).catch((err: unknown) => this.hookErrors.push(err));
  }

  #at(ms: number, fn: () => unknown): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      void fn();
    }, ms);
    this.#timers.add(t);
  }

  /**
   * Loopback addresses from 127.<block>.10.1 on, so later stages can reach "the node"; simulators
   * running side by side (parallel test files) take different blocks so their nodes never collide.
   */
  #nextIp(): string {
    const n = this.#ipCounter++;
    return `127.${this.#opts.addressBlock ?? 0}.${10 + Math.floor(n / 254)}.${(n % 254) + 1}`;
  }

  #now(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }
}

/**
 * Latitude's hostname rule, as its Terraform provider enforces it before every call
 * (`internal/validators/hostname.go`): at most 32 characters, letters, digits, dots and hyphens.
 */
function checkHostname(hostname: string): string {
  if (hostname.length > 32) throw invalid('hostname', 'is too long (maximum is 32 characters)');
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(hostname)) throw invalid('hostname', 'is invalid');
  return hostname;
}

/** `ipxe` is a URL or a base64 script; the simulator records the script itself. */
function decodeIpxe(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^https?:\/\//.test(v)) return v;
  const decoded = Buffer.from(v, 'base64').toString('utf8');
  return decoded.startsWith('#!ipxe') ? decoded : v;
}

/** OpenSSH's MD5 fingerprint, as Latitude shows it. */
export function fingerprint(publicKey: string): string {
  const blob = Buffer.from(publicKey.split(/\s+/)[1] ?? '', 'base64');
  return createHash('md5').update(blob).digest('hex').replace(/(..)(?!$)/g, '$1:');
}
