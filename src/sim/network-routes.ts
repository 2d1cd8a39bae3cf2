import type { SimFirewall, SimFirewallAssignment, SimVlanAssignment } from './networks.js';
import { regionOf } from './render.js';
import { attributes, ok, paged, type Route } from './route-helpers.js';
import type { SimState, SimVlan } from './state.js';

/**
 * Virtual networks, their assignments, firewalls and firewall assignments. Shapes: VLANs from the
 * recorded `VirtualNetwork_Basic` traffic; assignments and firewalls from the official Go SDK's models
 * (no traffic of them was ever recorded). Sources per behaviour in BEHAVIOUR.md.
 */

/** `POST` and `PATCH` answer the short shape (`name`, `site`; REC VirtualNetwork_Basic 0, 1). */
export function vlanWritten(v: SimVlan) {
  return { id: v.id, type: 'virtual_networks', attributes: { tags: v.tags, vid: v.vid, name: `${v.site.slug}-${v.vid}`, description: v.description, site: v.site.slug } };
}

/** `GET` answers the long shape (`region`, `assignments_count`; REC VirtualNetwork_Basic 2). */
export function vlan(v: SimVlan, state: SimState) {
  return {
    id: v.id,
    type: 'virtual_networks',
    attributes: { tags: v.tags, vid: v.vid, description: v.description, region: regionOf(v.site), assignments_count: state.networks.assignmentsOf(v.id).length },
  };
}

/** SDK `components/virtualnetworkassignmentdata.go`: the server embedded. */
function vlanAssignment(a: SimVlanAssignment, state: SimState) {
  const v = state.vlan(a.vlanId);
  const s = state.servers.get(a.serverId);
  return {
    id: a.id,
    type: 'virtual_network_assignment',
    attributes: {
      virtual_network_id: v.id,
      vid: v.vid,
      description: v.description,
      status: state.networks.assignmentStatus(a),
      server: s ? { id: s.id, hostname: s.hostname, label: s.label, locked: s.locked, status: s.status } : { id: a.serverId },
    },
  };
}

/** The create answer names the server by id (REF §4.4, the older Go client's recording). */
function vlanAssignmentCreated(a: SimVlanAssignment, state: SimState) {
  const v = state.vlan(a.vlanId);
  return {
    id: a.id,
    type: 'virtual_network_assignment',
    attributes: { virtual_network_id: v.id, vid: v.vid, server_id: a.serverId, description: v.description, status: state.networks.assignmentStatus(a) },
  };
}

/** SDK `components/firewalldata.go`. */
function firewall(f: SimFirewall, state: SimState) {
  const p = state.projects.find((x) => x.id === f.projectId)!;
  return {
    id: f.id,
    type: 'firewalls',
    attributes: { name: f.name, rules: f.rules.map((r) => ({ ...r, default: false })), project: { id: p.id, slug: p.slug, name: p.name } },
  };
}

/** SDK `components/firewallassignmentdata.go`. */
function firewallAssignment(a: SimFirewallAssignment, state: SimState) {
  const f = state.networks.firewall(a.firewallId);
  const s = state.servers.get(a.serverId);
  return {
    id: a.id,
    type: 'firewall_assignments',
    attributes: { server: { id: a.serverId, primary_ipv4: s?.ipv4 ?? null, hostname: s?.hostname ?? null }, firewall: { id: f.id, name: f.name }, firewall_id: f.id },
  };
}

function vlanFilter(state: SimState, query: URLSearchParams): (v: SimVlan) => boolean {
  const projectRef = query.get('filter[project]');
  const project = projectRef === null ? undefined : state.project(projectRef);
  const site = query.get('filter[location]');
  return (v) => (projectRef === null || v.projectId === project?.id) && (site === null || v.site.slug === site.toUpperCase());
}

function assignmentFilter(state: SimState, query: URLSearchParams): (a: SimVlanAssignment) => boolean {
  const server = query.get('filter[server]');
  const vid = query.get('filter[vid]');
  const vlanId = query.get('filter[virtual_network_id]');
  return (a) => (server === null || a.serverId === server) && (vlanId === null || a.vlanId === vlanId) && (vid === null || String(state.vlans.get(a.vlanId)?.vid) === vid);
}

/** Before the generic `/virtual_networks/:id` and `/firewalls/:id` routes: routes match in order. */
export const NETWORK_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/virtual_networks/assignments',
    handle: (state, { query }) => paged([...state.networks.vlanAssignments.values()].filter(assignmentFilter(state, query)), query, (a) => vlanAssignment(a, state)),
  },
  {
    method: 'POST',
    pattern: '/virtual_networks/assignments',
    droppable: true,
    handle: (state, { body }) => ok(vlanAssignmentCreated(state.networks.assign(attributes(body)), state), 201),
  },
  {
    method: 'DELETE',
    pattern: '/virtual_networks/assignments/:id',
    handle: (state, { params }) => {
      state.networks.unassign(params['id']!);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/virtual_networks',
    handle: (state, { query }) => paged([...state.vlans.values()].filter(vlanFilter(state, query)), query, (v) => vlan(v, state)),
  },
  { method: 'POST', pattern: '/virtual_networks', droppable: true, handle: (state, { body }) => ok(vlanWritten(state.createVlan(attributes(body))), 201) },
  { method: 'GET', pattern: '/virtual_networks/:id', handle: (state, { params }) => ok(vlan(state.vlan(params['id']!), state)) },
  {
    method: 'PATCH',
    pattern: '/virtual_networks/:id',
    handle: (state, { params, body }) => {
      const v = state.vlan(params['id']!);
      const attrs = attributes(body);
      if (typeof attrs['description'] === 'string') v.description = attrs['description'];
      return ok(vlanWritten(v));
    },
  },
  {
    method: 'DELETE',
    pattern: '/virtual_networks/:id',
    handle: (state, { params }) => {
      state.networks.deleteVlan(params['id']!);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/firewalls/assignments',
    handle: (state, { query }) => {
      const server = query.get('filter[server]');
      const list = [...state.networks.firewallAssignments.values()].filter((a) => server === null || a.serverId === server);
      return paged(list, query, (a) => firewallAssignment(a, state));
    },
  },
  {
    method: 'GET',
    pattern: '/firewalls',
    handle: (state, { query }) => {
      const ref = query.get('filter[project]');
      const project = ref === null ? undefined : state.project(ref);
      const list = [...state.networks.firewalls.values()].filter((f) => ref === null || f.projectId === project?.id);
      return paged(list, query, (f) => firewall(f, state));
    },
  },
  { method: 'POST', pattern: '/firewalls', droppable: true, handle: (state, { body }) => ok(firewall(state.networks.createFirewall(attributes(body)), state), 201) },
  { method: 'GET', pattern: '/firewalls/:id', handle: (state, { params }) => ok(firewall(state.networks.firewall(params['id']!), state)) },
  {
    method: 'PATCH',
    pattern: '/firewalls/:id',
    handle: (state, { params, body }) => ok(firewall(state.networks.updateFirewall(params['id']!, attributes(body)), state)),
  },
  {
    method: 'DELETE',
    pattern: '/firewalls/:id',
    handle: (state, { params }) => {
      state.networks.deleteFirewall(params['id']!);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/firewalls/:id/assignments',
    handle: (state, { params, query }) => {
      const f = state.networks.firewall(params['id']!);
      return paged([...state.networks.firewallAssignments.values()].filter((a) => a.firewallId === f.id), query, (a) => firewallAssignment(a, state));
    },
  },
  {
    method: 'POST',
    pattern: '/firewalls/:id/assignments',
    droppable: true,
    // SDK `assignments.go` `Create` decodes the 201 body as a bare `components.FirewallServer`, not in `data`.
    handle: (state, { params, body }) => {
      const a = state.networks.assignFirewall(params['id']!, attributes(body));
      return { status: 201, body: { id: a.id, type: 'firewall_servers', attributes: { server_id: a.serverId, firewall_id: a.firewallId } } };
    },
  },
  {
    method: 'DELETE',
    pattern: '/firewalls/:id/assignments/:assignment',
    handle: (state, { params }) => {
      state.networks.unassignFirewall(params['id']!, params['assignment']!);
      return { status: 204 };
    },
  },
];
