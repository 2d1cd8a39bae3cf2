import { systemClock } from '../../time/clock.js';
import { backoffDelay } from './backoff.js';
import { isTransientLatitudeError, LatitudeApiError } from './errors.js';
import { LatitudeHttp, type HttpOptions } from './http.js';
import { LatitudeNetworks } from './networks.js';
import { PRIORITY } from './rate-limiter.js';
import { collectPages, totalOf } from './pagination.js';
import { DeployWatch, type WaitOptions } from './deploy-watch.js';
import {
  decodeList,
  decodeListOf,
  decodeOne,
  operatingSystem,
  plan,
  region,
  server,
  tag,
  type OperatingSystem,
  type Plan,
  type Region,
  type Resource,
  type Server,
  type Tag,
} from './wire.js';

export interface LatitudeClientOptions extends HttpOptions {
  /** Project id or slug; every server call is scoped to it. */
  project: string;
  /** Items per list page (Latitude's default is 20; the maximum is undocumented). */
  pageSize?: number;
  /** The longest pause between two list calls of the shared deploy watch (it starts at 1 s). */
  pollIntervalMs?: number;
  /** How long a deployment may take before cto gives up waiting (failed ones take ~30 min). */
  deployTimeoutMs?: number;
}

export interface CreateServerInput {
  hostname: string;
  /** Ids of servers that had this hostname before the create: never taken for the new one. */
  preexisting?: string[];
  plan: string;
  site: string;
  billing: string;
  /** The iPXE script (sent base64-encoded) or a URL to one. */
  ipxe: string;
}

/** For a write: told how many writes wait for the budget with it, when it has to wait. */
export interface BudgetOptions {
  onQueued?(queued: number): void;
}

/** The Latitude API calls `cto` makes, scoped to one project. */
export class LatitudeClient {
  readonly project: string;
  readonly deployTimeoutMs: number;
  readonly #http: LatitudeHttp;
  readonly #pageSize: number;
  readonly #watch: DeployWatch;
  /** Virtual networks and firewalls, over the same connection pool and rate limit. */
  readonly networks: LatitudeNetworks;

  constructor(opts: LatitudeClientOptions) {
    this.project = opts.project;
    this.deployTimeoutMs = opts.deployTimeoutMs ?? 45 * 60_000;
    this.#http = new LatitudeHttp(opts);
    this.#pageSize = opts.pageSize ?? 50;
    this.#watch = new DeployWatch(() => this.listServers(), opts.pollIntervalMs ?? 15_000);
    this.networks = new LatitudeNetworks(this.#http, (path, query, one) => this.#paged(path, query, one), this.project);
  }

  /** Every server of the project, in as few calls as pagination allows. */
  listServers(filter: { hostname?: string } = {}): Promise<Server[]> {
    return this.#paged('/servers', { 'filter[project]': this.project, 'filter[hostname]': filter.hostname }, server);
  }

  /** The server, or undefined when Latitude answers 404. */
  async getServer(id: string): Promise<Server | undefined> {
    try {
      const res = await this.#http.request({ method: 'GET', path: `/servers/${encodeURIComponent(id)}`, idempotent: true });
      return decodeOne(res.body, server);
    } catch (err) {
      if (err instanceof LatitudeApiError && err.httpStatus === 404) return undefined;
      throw err;
    }
  }

  /**
   * POST /servers is billable and has no idempotency key, so it is never blindly
   * retried: after an answer that leaves the outcome open (5xx, timeout, dropped
   * connection) the server is looked up by hostname first, and only created again
   * when it is not there. A 429 means nothing was done, so it is simply retried later.
   */
  async createServer(input: CreateServerInput, budget: BudgetOptions = {}): Promise<Server> {
    const body = {
      data: {
        type: 'servers',
        attributes: {
          project: this.project,
          plan: input.plan,
          site: input.site.toUpperCase(),
          operating_system: 'ipxe',
          hostname: input.hostname,
          billing: input.billing,
          ipxe: toIpxeAttribute(input.ipxe),
        },
      },
    };
    const policy = this.#http.backoff;
    for (let attempt = 0; ; attempt++) {
      try {
        // First in line for the write budget: everything downstream waits on the server.
        const res = await this.#http.request({ method: 'POST', path: '/servers', body, idempotent: false, priority: PRIORITY.urgent, ...budget });
        return decodeOne(res.body, server);
      } catch (err) {
        if (!isTransientLatitudeError(err) || attempt + 1 >= policy.attempts) throw err;
        const rateLimited = err instanceof LatitudeApiError && err.httpStatus === 429;
        if (!rateLimited) {
          const existing = await this.listServers({ hostname: input.hostname });
          const before = new Set(input.preexisting ?? []);
          const match = existing.find((s) => s.attributes.hostname === input.hostname && !before.has(s.id));
          if (match) return match;
        }
        const asked = err instanceof LatitudeApiError ? err.retryAfterMs : undefined;
        await systemClock.sleep(backoffDelay(attempt, policy, Math.random(), asked), this.#http.signal);
      }
    }
  }

  /** Replaces the whole tag set; the hostname is always sent (the SDKs would otherwise rename to a default). */
  async updateServer(id: string, attrs: { hostname: string; tags: string[]; billing?: string }, budget: BudgetOptions = {}): Promise<Server> {
    const res = await this.#http.request({
      method: 'PATCH',
      path: `/servers/${encodeURIComponent(id)}`,
      body: { data: { id, type: 'servers', attributes: attrs } },
      idempotent: true,
      // Tags and names wait behind server creations: nothing waits on them.
      priority: PRIORITY.later,
      ...budget,
    });
    return decodeOne(res.body, server);
  }

  /**
   * Rebuilds the server from a new iPXE script. Sent once: a second reinstall would
   * start the wipe over, so only a 429 (nothing done) is retried, by the caller.
   */
  async reinstall(id: string, input: { hostname: string; ipxe: string }): Promise<void> {
    await this.#http.request({
      method: 'POST',
      path: `/servers/${encodeURIComponent(id)}/reinstall`,
      body: { data: { type: 'reinstalls', attributes: { operating_system: 'ipxe', hostname: input.hostname, ipxe: toIpxeAttribute(input.ipxe) } } },
      idempotent: false,
    });
  }

  /** Deletes the server; one that is already gone counts as deleted. */
  async deleteServer(id: string): Promise<void> {
    try {
      await this.#http.request({ method: 'DELETE', path: `/servers/${encodeURIComponent(id)}`, idempotent: true });
    } catch (err) {
      if (err instanceof LatitudeApiError && err.httpStatus === 404) return;
      throw err;
    }
  }

  /**
   * The plan with that slug, with its per-site stock and prices (`GET /plans?filter[slug]=…`,
   * unpaged). Only entries with that slug are decoded: whatever else the catalog holds, however
   * odd, cannot fail the read.
   */
  async listPlans(slug: string): Promise<Plan[]> {
    const res = await this.#http.request({ method: 'GET', path: '/plans', query: { 'filter[slug]': slug }, idempotent: true });
    return decodeListOf(res.body, slug, plan);
  }

  /** Every operating system with the plans it installs on (`GET /plans/operating_systems`, paginated). */
  listOperatingSystems(): Promise<OperatingSystem[]> {
    return this.#paged('/plans/operating_systems', {}, operatingSystem);
  }

  listRegions(): Promise<Region[]> {
    return this.#paged('/regions', {}, region);
  }

  async listTags(): Promise<Tag[]> {
    const res = await this.#http.request({ method: 'GET', path: '/tags', idempotent: true });
    return decodeList(res.body, tag).items;
  }

  async createTag(name: string, description: string): Promise<Tag> {
    const res = await this.#http.request({
      method: 'POST',
      path: '/tags',
      body: { data: { type: 'tags', attributes: { name, description, color: '#326ce5' } } },
      idempotent: false,
    });
    return decodeOne(res.body, tag);
  }

  /** Resolves when the server reports `on`; shares one list call per tick with every other waiter. */
  waitForDeploy(id: string, opts: WaitOptions): Promise<Server> {
    return this.#watch.waitFor(id, opts);
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  /** Every item of a paginated list, asking for the total so a server-side page cap cannot truncate it. */
  #paged<A>(path: string, query: Record<string, string | undefined>, one: (v: unknown, p: string) => Resource<A>): Promise<Resource<A>[]> {
    return collectPages(this.#pageSize, async (number, size) => {
      const res = await this.#http.request({
        method: 'GET',
        path,
        query: { ...query, 'page[size]': size, 'page[number]': number, 'stats[total]': 'count' },
        idempotent: true,
      });
      const list = decodeList(res.body, one);
      const total = totalOf(list.meta);
      return total === undefined ? { items: list.items } : { items: list.items, total };
    });
  }
}

/** Latitude takes a URL or a base64-encoded script in `ipxe`. */
function toIpxeAttribute(ipxe: string): string {
  return /^https?:\/\//.test(ipxe) ? ipxe : Buffer.from(ipxe, 'utf8').toString('base64');
}
