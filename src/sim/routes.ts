import { notFound } from './api-errors.js';
import { OPERATING_SYSTEMS, PLANS, SITES, planName } from './catalog.js';
import { NETWORK_ROUTES } from './network-routes.js';
import * as render from './render.js';
import { attributes, ok, paged, type Route } from './route-helpers.js';
import type { SimServer, SimState } from './state.js';

function serverFilter(state: SimState, query: URLSearchParams): (s: SimServer) => boolean {
  // What the real API answers for an unknown project is not recorded; a 404 (rather than an
  // empty list) is what makes a mistyped project fail the plan instead of planning creates.
  const projectRef = query.get('filter[project]');
  const project = projectRef === null ? undefined : state.project(projectRef);
  if (projectRef !== null && !project) throw notFound();
  const hostname = query.get('filter[hostname]');
  const site = query.get('filter[region]');
  const status = query.get('filter[status]');
  const planSlug = query.get('filter[plan]');
  const tags = query.get('filter[tags]')?.split(',').filter(Boolean) ?? [];
  return (s) =>
    (!project || s.projectId === project.id) &&
    (hostname === null || s.hostname === hostname) &&
    (site === null || s.site.slug === site.toUpperCase()) &&
    (status === null || s.status === status) &&
    (planSlug === null || s.plan.slug === planSlug) &&
    tags.every((t) => s.tagIds.includes(t));
}

export const ROUTES: Route[] = [
  ...NETWORK_ROUTES,
  {
    method: 'GET',
    pattern: '/servers',
    handle: (state, { query }) => {
      const keep = serverFilter(state, query);
      return paged([...state.servers.values()].filter(keep), query, (s) => render.server(s, state));
    },
  },
  {
    method: 'POST',
    pattern: '/servers',
    droppable: true,
    handle: (state, { body }) => ok(render.serverCreated(state.createServer(attributes(body))), 201),
  },
  { method: 'GET', pattern: '/servers/:id', handle: (state, { params }) => ok(render.server(state.server(params['id']!), state)) },
  {
    method: 'PATCH',
    pattern: '/servers/:id',
    handle: (state, { params, body }) => ok(render.server(state.updateServer(params['id']!, attributes(body)), state)),
  },
  {
    method: 'DELETE',
    pattern: '/servers/:id',
    handle: (state, { params }) => {
      state.deleteServer(params['id']!);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/servers/:id/reinstall',
    handle: (state, { params, body }) => {
      state.reinstall(params['id']!, attributes(body));
      return { status: 201 };
    },
  },
  { method: 'POST', pattern: '/servers/:id/lock', handle: (state, { params }) => ok(render.server(state.setLocked(params['id']!, true), state)) },
  { method: 'POST', pattern: '/servers/:id/unlock', handle: (state, { params }) => ok(render.server(state.setLocked(params['id']!, false), state)) },
  {
    method: 'GET',
    pattern: '/plans',
    handle: (state, { query }) => {
      const name = query.get('filter[name]');
      const slug = query.get('filter[slug]');
      const location = query.get('filter[location]');
      const inStock = query.get('filter[in_stock]');
      const items = PLANS.filter(
        (p) =>
          (name === null || planName(p.slug) === name) &&
          (slug === null || p.slug === slug) &&
          (inStock !== 'true' || SITES.some((s) => (location === null || s.slug === location.toUpperCase()) && state.inStock(p.slug, s.slug) > 0)),
      );
      const extra = state.extraPlans.filter((p) => {
        const attrs = (p['attributes'] ?? {}) as { slug?: unknown; name?: unknown };
        return (name === null || attrs.name === name) && (slug === null || attrs.slug === slug);
      });
      return { status: 200, body: { data: [...items.map((p) => render.plan(p, state)), ...extra], meta: {} } };
    },
  },
  {
    method: 'GET',
    pattern: '/plans/operating_systems',
    handle: (state, { query }) => {
      const all = PLANS.map((p) => planName(p.slug));
      const ipxe = PLANS.filter((p) => state.ipxePlans.includes(p.slug)).map((p) => planName(p.slug));
      return paged([...OPERATING_SYSTEMS], query, (os) => render.operatingSystem(os, os.slug === 'ipxe' ? ipxe : all));
    },
  },
  // After `/plans/operating_systems`: routes match in order.
  {
    method: 'GET',
    pattern: '/plans/:id',
    handle: (state, { params }) => {
      const p = PLANS.find((x) => x.id === params['id']);
      if (!p) throw notFound();
      return ok(render.plan(p, state));
    },
  },
  { method: 'GET', pattern: '/regions', handle: (_state, { query }) => paged([...SITES], query, render.region) },
  { method: 'GET', pattern: '/projects', handle: (state, { query }) => paged(state.projects, query, (p) => render.project(p, state)) },
  {
    method: 'GET',
    pattern: '/projects/:id',
    handle: (state, { params }) => {
      const p = state.project(params['id']!);
      if (!p) throw notFound();
      return ok(render.project(p, state));
    },
  },
  {
    method: 'GET',
    pattern: '/tags',
    handle: (state) => ({ status: 200, plainJson: true, body: { data: [...state.tags.values()].map(render.tag) } }),
  },
  {
    method: 'POST',
    pattern: '/tags',
    handle: (state, { body }) => ({ status: 201, plainJson: true, body: { data: render.tag(state.createTag(attributes(body))) } }),
  },
  {
    method: 'DELETE',
    pattern: '/tags/:id',
    handle: (state, { params }) => {
      state.deleteTag(params['id']!);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:project/ssh_keys',
    handle: (state, { params, body }) => ok(render.sshKey(state.createSshKey(params['project']!, attributes(body))), 201),
  },
  {
    method: 'GET',
    pattern: '/projects/:project/ssh_keys/:id',
    handle: (state, { params }) => ok(render.sshKey(state.sshKey(params['project']!, params['id']!))),
  },
  {
    method: 'PATCH',
    pattern: '/projects/:project/ssh_keys/:id',
    handle: (state, { params, body }) => {
      const k = state.sshKey(params['project']!, params['id']!);
      const attrs = attributes(body);
      if (typeof attrs['name'] === 'string') k.name = attrs['name'];
      return ok(render.sshKey(k));
    },
  },
  {
    method: 'DELETE',
    pattern: '/projects/:project/ssh_keys/:id',
    handle: (state, { params }) => {
      state.sshKeys.delete(state.sshKey(params['project']!, params['id']!).id);
      return { status: 200, body: { meta: {} } };
    },
  },
];

/** The route for a request, with its path parameters. */
export function match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), true) : p === parts[i]))) {
      return { route, params };
    }
  }
  return undefined;
}
