import { invalid } from './api-errors.js';
import type { SimState } from './state.js';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  /** `/tags` answers `application/json`, everything else `application/vnd.api+json`. */
  plainJson?: boolean;
}

export interface Route {
  method: string;
  /** `/servers/:id`; also the key of the call log. */
  pattern: string;
  handle(state: SimState, req: RouteRequest): RouteResponse;
  /** A fault may answer it by dropping the connection after the change is made. */
  droppable?: boolean;
}

export const ok = (data: unknown, status = 200): RouteResponse => ({ status, body: { data, meta: {} } });

export function attributes(body: unknown): Record<string, unknown> {
  const data = (body as { data?: { attributes?: unknown } } | undefined)?.data;
  const attrs = data?.attributes;
  if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs)) throw invalid('data', 'must carry attributes');
  return attrs as Record<string, unknown>;
}

/** `page[size]` (default 20) and `page[number]` (1-based); no links, a total only with `stats[total]=count`. */
export function paged<T>(items: T[], query: URLSearchParams, render: (item: T) => unknown): RouteResponse {
  const size = Math.max(1, Number(query.get('page[size]') ?? 20) || 20);
  const number = Math.max(1, Number(query.get('page[number]') ?? 1) || 1);
  const meta: Record<string, unknown> = {};
  if (query.get('stats[total]') === 'count') meta['stats'] = { total: { count: items.length } };
  return { status: 200, body: { data: items.slice((number - 1) * size, number * size).map(render), meta } };
}
