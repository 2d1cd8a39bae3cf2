import { invalid, notFound, SimApiError } from './api-errors.js';
import type { SimState } from './state.js';

/**
 * Virtual-network assignments and firewalls (with their rules and assignments): what the simulated
 * account holds of them, and the rules that change them. Sources per behaviour in BEHAVIOUR.md.
 */

export interface SimVlanAssignment {
  id: string;
  vlanId: string;
  serverId: string;
  /** Wall-clock ms at which `connecting` turns `connected`. */
  connectedAt: number;
}

export interface SimFirewallRule {
  from: string;
  to: string;
  protocol: string;
  port: string;
  description?: string;
}

export interface SimFirewall {
  id: string;
  name: string;
  projectId: string;
  rules: SimFirewallRule[];
}

export interface SimFirewallAssignment {
  id: string;
  firewallId: string;
  serverId: string;
}

/** How long an assignment stays `connecting` (simulated seconds; Terraform polls up to 2 min for `connected`). */
const CONNECT_SECONDS = 20;

export class SimNetworks {
  readonly vlanAssignments = new Map<string, SimVlanAssignment>();
  readonly firewalls = new Map<string, SimFirewall>();
  readonly firewallAssignments = new Map<string, SimFirewallAssignment>();
  readonly #state: SimState;

  constructor(state: SimState) {
    this.#state = state;
  }

  assignmentStatus(a: SimVlanAssignment): 'connecting' | 'connected' {
    return Date.now() >= a.connectedAt ? 'connected' : 'connecting';
  }

  assignmentsOf(vlanId: string): SimVlanAssignment[] {
    return [...this.vlanAssignments.values()].filter((a) => a.vlanId === vlanId);
  }

  /** `POST /virtual_networks/assignments`. A second assignment of the same pair is accepted (see BEHAVIOUR.md). */
  assign(attrs: { server_id?: unknown; virtual_network_id?: unknown }): SimVlanAssignment {
    if (typeof attrs.server_id !== 'string' || attrs.server_id === '') throw invalid('server_id', 'must be informed');
    if (typeof attrs.virtual_network_id !== 'string' || attrs.virtual_network_id === '') throw invalid('virtual_network_id', 'must be informed');
    const server = this.#state.server(attrs.server_id);
    const vlan = this.#state.vlan(attrs.virtual_network_id);
    if (server.site.slug !== vlan.site.slug) throw invalid('virtual_network_id', `is in ${vlan.site.slug}; the server is in ${server.site.slug}`);
    const a: SimVlanAssignment = {
      id: this.#state.random.id('vnasg'),
      vlanId: vlan.id,
      serverId: server.id,
      connectedAt: Date.now() + CONNECT_SECONDS * 1000 * this.#state.timeScale,
    };
    this.vlanAssignments.set(a.id, a);
    return a;
  }

  unassign(id: string): void {
    if (!this.vlanAssignments.delete(id)) throw notFound();
  }

  /** A VLAN that still has assignments is refused with 406 `VIRTUAL_NETWORK_DELETION_ERROR`. */
  deleteVlan(id: string): void {
    const vlan = this.#state.vlan(id);
    if (this.assignmentsOf(vlan.id).length > 0) throw deletionRestricted();
    this.#state.vlans.delete(vlan.id);
  }

  createFirewall(attrs: { name?: unknown; project?: unknown; rules?: unknown }): SimFirewall {
    if (typeof attrs.name !== 'string' || attrs.name === '') throw invalid('name', 'must be informed');
    const project = typeof attrs.project === 'string' ? this.#state.project(attrs.project) : undefined;
    if (typeof attrs.project !== 'string' || attrs.project === '') throw invalid('project', 'must be informed');
    if (!project) throw notFound();
    const f: SimFirewall = { id: this.#state.random.id('fw'), name: attrs.name, projectId: project.id, rules: rulesOf(attrs.rules ?? []) };
    this.firewalls.set(f.id, f);
    return f;
  }

  firewall(id: string): SimFirewall {
    const f = this.firewalls.get(id);
    if (!f) throw notFound();
    return f;
  }

  updateFirewall(id: string, attrs: { name?: unknown; rules?: unknown }): SimFirewall {
    const f = this.firewall(id);
    if (attrs.name !== undefined) {
      if (typeof attrs.name !== 'string' || attrs.name === '') throw invalid('name', 'is invalid');
      f.name = attrs.name;
    }
    if (attrs.rules !== undefined) f.rules = rulesOf(attrs.rules);
    return f;
  }

  deleteFirewall(id: string): void {
    const f = this.firewall(id);
    this.firewalls.delete(f.id);
    for (const a of this.firewallAssignments.values()) if (a.firewallId === f.id) this.firewallAssignments.delete(a.id);
  }

  /** `POST /firewalls/{id}/assignments`. A second assignment of the same pair is accepted (see BEHAVIOUR.md). */
  assignFirewall(firewallId: string, attrs: { server_id?: unknown }): SimFirewallAssignment {
    const f = this.firewall(firewallId);
    if (typeof attrs.server_id !== 'string' || attrs.server_id === '') throw invalid('server_id', 'must be informed');
    const server = this.#state.server(attrs.server_id);
    const a: SimFirewallAssignment = { id: this.#state.random.id('fwasg'), firewallId: f.id, serverId: server.id };
    this.firewallAssignments.set(a.id, a);
    return a;
  }

  unassignFirewall(firewallId: string, assignmentId: string): void {
    const a = this.firewallAssignments.get(assignmentId);
    if (!a || a.firewallId !== firewallId) throw notFound();
    this.firewallAssignments.delete(a.id);
  }

  /** A deleted server leaves every VLAN and firewall it was assigned to. */
  serverDeleted(serverId: string): void {
    for (const a of this.vlanAssignments.values()) if (a.serverId === serverId) this.vlanAssignments.delete(a.id);
    for (const a of this.firewallAssignments.values()) if (a.serverId === serverId) this.firewallAssignments.delete(a.id);
  }
}

const ADDRESS = /^(ANY|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?)$/;
const PORT = /^\d{1,5}(-\d{1,5})?$/;

/** Rules as the SDK's `CreateFirewallRules` documents them: `from`/`to` an address, a CIDR or `ANY`; TCP or UDP; a port or a range. */
function rulesOf(v: unknown): SimFirewallRule[] {
  if (!Array.isArray(v)) throw invalid('rules', 'must be a list');
  return v.map((r: unknown, i) => {
    const o = (r ?? {}) as Record<string, unknown>;
    const from = String(o['from'] ?? 'ANY');
    const to = String(o['to'] ?? 'ANY');
    const protocol = String(o['protocol'] ?? 'TCP');
    const port = String(o['port'] ?? '');
    if (!ADDRESS.test(from)) throw invalid(`rules[${i}].from`, 'is invalid');
    if (!ADDRESS.test(to)) throw invalid(`rules[${i}].to`, 'is invalid');
    if (protocol !== 'TCP' && protocol !== 'UDP') throw invalid(`rules[${i}].protocol`, 'must be TCP or UDP');
    if (!PORT.test(port)) throw invalid(`rules[${i}].port`, 'is invalid');
    return { from, to, protocol, port, ...(typeof o['description'] === 'string' ? { description: o['description'] } : {}) };
  });
}

/** The 406 Terraform's provider retries on (`resource_virtual_network.go` `isDeletionRestrictionError`). */
const deletionRestricted = (): SimApiError =>
  new SimApiError(406, {
    errors: [
      {
        code: 'VIRTUAL_NETWORK_DELETION_ERROR',
        status: '406',
        title: 'Virtual Network Deletion Restriction',
        detail: 'Virtual Network Deletion Restriction: remove all assignments before deleting the virtual network',
        meta: {},
      },
    ],
  });
