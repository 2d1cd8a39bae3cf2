import { LatitudeApiError } from './errors.js';
import type { LatitudeHttp } from './http.js';
import {
  firewall,
  firewallAssignment,
  unwrapped,
  virtualNetwork,
  vlanAssignment,
  type Firewall,
  type FirewallAssignment,
  type FirewallRule,
  type VirtualNetwork,
  type VlanAssignment,
} from './network-wire.js';
import { decodeOne, type Resource } from './wire.js';

/** Every item of a list (`page[size]`, `page[number]`, `stats[total]`), as the client's own lists are read. */
export type PagedRead = <A>(path: string, query: Record<string, string | undefined>, one: (v: unknown, p: string) => Resource<A>) => Promise<Resource<A>[]>;

/**
 * Virtual networks (VLANs), their assignments, firewalls and their assignments, scoped to the
 * client's project and sharing its connection pool and rate limit. Creates are sent once
 * (`idempotent: false`): the executors journal them and look the object up before creating again.
 * Paths: SDK `privatenetworks.go`, `virtualnetworks.go`, `firewalls.go`, `assignments.go`.
 */
export class LatitudeNetworks {
  readonly #http: LatitudeHttp;
  readonly #paged: PagedRead;
  readonly #project: string;

  constructor(http: LatitudeHttp, paged: PagedRead, project: string) {
    this.#http = http;
    this.#paged = paged;
    this.#project = project;
  }

  /** The project's VLANs, optionally at one site (`filter[location]`). */
  listVirtualNetworks(filter: { site?: string } = {}): Promise<VirtualNetwork[]> {
    return this.#paged('/virtual_networks', { 'filter[project]': this.#project, 'filter[location]': filter.site }, virtualNetwork);
  }

  async createVirtualNetwork(input: { site: string; description: string }): Promise<VirtualNetwork> {
    const res = await this.#http.request({
      method: 'POST',
      path: '/virtual_networks',
      // `virtual_network`, singular, as the recorded create sends it (REC VirtualNetwork_Basic 0).
      body: { data: { type: 'virtual_network', attributes: { description: input.description, site: input.site.toUpperCase(), project: this.#project } } },
      idempotent: false,
    });
    return decodeOne(res.body, virtualNetwork);
  }

  /** The description is the one thing of a VLAN that can be changed (REC VirtualNetwork_Basic 1). */
  async updateVirtualNetwork(id: string, input: { description: string }): Promise<VirtualNetwork> {
    const res = await this.#http.request({
      method: 'PATCH',
      path: `/virtual_networks/${encodeURIComponent(id)}`,
      body: { data: { id, type: 'virtual_networks', attributes: { description: input.description } } },
      idempotent: true,
    });
    return decodeOne(res.body, virtualNetwork);
  }

  /** Refused with 406 while assignments remain (they drain a moment after their delete); gone counts as deleted. */
  deleteVirtualNetwork(id: string): Promise<void> {
    return this.#delete(`/virtual_networks/${encodeURIComponent(id)}`);
  }

  listVlanAssignments(filter: { vlanId?: string; serverId?: string }): Promise<VlanAssignment[]> {
    return this.#paged('/virtual_networks/assignments', { 'filter[virtual_network_id]': filter.vlanId, 'filter[server]': filter.serverId }, vlanAssignment);
  }

  async assignVlan(input: { serverId: string; vlanId: string }): Promise<VlanAssignment> {
    const res = await this.#http.request({
      method: 'POST',
      path: '/virtual_networks/assignments',
      body: { data: { type: 'virtual_network_assignment', attributes: { server_id: input.serverId, virtual_network_id: input.vlanId } } },
      idempotent: false,
    });
    return decodeOne(res.body, vlanAssignment);
  }

  deleteVlanAssignment(id: string): Promise<void> {
    return this.#delete(`/virtual_networks/assignments/${encodeURIComponent(id)}`);
  }

  listFirewalls(): Promise<Firewall[]> {
    return this.#paged('/firewalls', { 'filter[project]': this.#project }, firewall);
  }

  async createFirewall(input: { name: string; rules: FirewallRule[] }): Promise<Firewall> {
    const res = await this.#http.request({
      method: 'POST',
      path: '/firewalls',
      body: { data: { type: 'firewalls', attributes: { name: input.name, project: this.#project, rules: input.rules } } },
      idempotent: false,
    });
    return decodeOne(res.body, firewall);
  }

  /** Replaces the rule list; sending the same rules twice changes nothing, so it may be retried. */
  async updateFirewall(id: string, input: { name: string; rules: FirewallRule[] }): Promise<Firewall> {
    const res = await this.#http.request({
      method: 'PATCH',
      path: `/firewalls/${encodeURIComponent(id)}`,
      body: { data: { id, type: 'firewalls', attributes: { name: input.name, rules: input.rules } } },
      idempotent: true,
    });
    return decodeOne(res.body, firewall);
  }

  deleteFirewall(id: string): Promise<void> {
    return this.#delete(`/firewalls/${encodeURIComponent(id)}`);
  }

  listFirewallAssignments(firewallId: string): Promise<FirewallAssignment[]> {
    return this.#paged(`/firewalls/${encodeURIComponent(firewallId)}/assignments`, {}, firewallAssignment);
  }

  async assignFirewall(input: { firewallId: string; serverId: string }): Promise<FirewallAssignment> {
    const res = await this.#http.request({
      method: 'POST',
      path: `/firewalls/${encodeURIComponent(input.firewallId)}/assignments`,
      body: { data: { type: 'firewall_assignments', attributes: { server_id: input.serverId } } },
      idempotent: false,
    });
    return firewallAssignment(unwrapped(res.body), '$');
  }

  deleteFirewallAssignment(firewallId: string, id: string): Promise<void> {
    return this.#delete(`/firewalls/${encodeURIComponent(firewallId)}/assignments/${encodeURIComponent(id)}`);
  }

  async #delete(path: string): Promise<void> {
    try {
      await this.#http.request({ method: 'DELETE', path, idempotent: true });
    } catch (err) {
      if (err instanceof LatitudeApiError && err.httpStatus === 404) return;
      throw err;
    }
  }
}
