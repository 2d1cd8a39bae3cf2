import { DecodeError, obj, optStr, resource, str, type Resource } from './wire.js';

/**
 * Virtual networks, VLAN assignments, firewalls and firewall assignments as the API puts them on
 * the wire, decoded leniently: the short shape a create answers and the long one a read answers
 * both decode (REC `VirtualNetwork_Basic`; SDK `components/virtualnetworkdata.go`,
 * `virtualnetworkassignmentdata.go`, `firewalldata.go`, `firewallassignmentdata.go`, `firewallserver.go`).
 */

export interface VirtualNetworkAttributes {
  vid: number;
  description: string;
  /** Site slug: `site` in a create's answer, `region.site.slug` in a read's. */
  site?: string;
  assignmentsCount?: number;
}
export type VirtualNetwork = Resource<VirtualNetworkAttributes>;

export interface VlanAssignmentAttributes {
  vlanId: string;
  serverId: string;
  /** `connecting` right after the create, `connected` later. */
  status?: string;
}
export type VlanAssignment = Resource<VlanAssignmentAttributes>;

export interface FirewallRule {
  from: string;
  to: string;
  protocol: string;
  port: string;
  description?: string;
}

export interface FirewallAttributes {
  name: string;
  rules: FirewallRule[];
}
export type Firewall = Resource<FirewallAttributes>;

export interface FirewallAssignmentAttributes {
  firewallId: string;
  serverId: string;
}
export type FirewallAssignment = Resource<FirewallAssignmentAttributes>;

type Json = unknown;

export function virtualNetwork(v: Json, path: string): VirtualNetwork {
  return resource(v, path, (a, p) => {
    const vid = a['vid'];
    if (typeof vid !== 'number') throw new DecodeError('expected a number', `${p}.vid`);
    const out: VirtualNetworkAttributes = { vid, description: optStr(a['description'], `${p}.description`) ?? '' };
    const region = a['region'] as { site?: { slug?: unknown } } | null | undefined;
    const site = typeof a['site'] === 'string' ? a['site'] : region?.site?.slug;
    if (typeof site === 'string') out.site = site;
    if (typeof a['assignments_count'] === 'number') out.assignmentsCount = a['assignments_count'];
    return out;
  });
}

/** A list item embeds `server{…}`; a create's answer names `server_id`. */
export function vlanAssignment(v: Json, path: string): VlanAssignment {
  return resource(v, path, (a, p) => {
    const serverId = a['server_id'] !== undefined ? str(a['server_id'], `${p}.server_id`) : str(obj(a['server'], `${p}.server`)['id'], `${p}.server.id`);
    const status = optStr(a['status'], `${p}.status`);
    return { vlanId: str(a['virtual_network_id'], `${p}.virtual_network_id`), serverId, ...(status ? { status } : {}) };
  });
}

export function firewall(v: Json, path: string): Firewall {
  return resource(v, path, (a, p) => {
    const rules = Array.isArray(a['rules']) ? a['rules'] : [];
    return {
      name: str(a['name'], `${p}.name`),
      rules: rules
        // Rules Latitude adds by itself (`default: true`) are not cto's to keep or remove.
        .filter((r) => (r as { default?: unknown } | null)?.default !== true)
        .map((r, i) => {
          const o = obj(r, `${p}.rules[${i}]`);
          const description = optStr(o['description'], `${p}.rules[${i}].description`);
          return {
            from: optStr(o['from'], `${p}.rules[${i}].from`) ?? 'ANY',
            to: optStr(o['to'], `${p}.rules[${i}].to`) ?? 'ANY',
            protocol: (optStr(o['protocol'], `${p}.rules[${i}].protocol`) ?? 'TCP').toUpperCase(),
            port: optStr(o['port'], `${p}.rules[${i}].port`) ?? '',
            ...(description ? { description } : {}),
          };
        }),
    };
  });
}

/**
 * A list item (`firewall_assignments`: `server{…}`, `firewall_id`) or a create's answer
 * (`firewall_servers`: `server_id`, `firewall_id`, a bare object by the SDK, enveloped in `data` or not).
 */
export function firewallAssignment(v: Json, path: string): FirewallAssignment {
  return resource(v, path, (a, p) => {
    const serverId = a['server_id'] !== undefined ? str(a['server_id'], `${p}.server_id`) : str(obj(a['server'], `${p}.server`)['id'], `${p}.server.id`);
    const firewallId = a['firewall_id'] !== undefined ? str(a['firewall_id'], `${p}.firewall_id`) : str(obj(a['firewall'], `${p}.firewall`)['id'], `${p}.firewall.id`);
    return { firewallId, serverId };
  });
}

/** The SDK decodes a firewall assignment's 201 as a bare object; accept an envelope too. */
export function unwrapped(body: Json): Json {
  const o = obj(body, '$');
  return 'data' in o && !('id' in o) ? o['data'] : o;
}
