import type { StepContext } from '../../executors/step-kind.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { LatitudeClient, type LatitudeClientOptions } from './client.js';

export { LatitudeClient, type CreateServerInput, type LatitudeClientOptions } from './client.js';
export { LatitudeApiError, LatitudeNetworkError, isTransientLatitudeError } from './errors.js';
export type { Plan, Region, Server, Tag } from './wire.js';

type ClientContext = Pick<StepContext, 'spec' | 'env' | 'cache' | 'secrets'>;

/** Cache key of the shared client; outside `latitude:` so invalidating reads keeps the pool. */
export const CLIENT_CACHE_KEY = 'client:latitude';

/**
 * The run's one Latitude client (one connection pool, one rate limit, one deploy watch),
 * configured from the spec. The API key is registered as a secret before first use.
 *
 * Tuning for the simulator and tests, from the environment (all optional):
 * `CTO_LATITUDE_POLL_MS` (longest deploy watch interval), `CTO_LATITUDE_RATE_GET` and
 * `CTO_LATITUDE_RATE_WRITE` (requests per minute), `CTO_LATITUDE_RETRY_BASE_MS`,
 * `CTO_LATITUDE_DEPLOY_TIMEOUT_MS`.
 */
export function latitudeClient(ctx: ClientContext): Promise<LatitudeClient> {
  return ctx.cache.once(CLIENT_CACHE_KEY, async () => {
    const l = ctx.spec.spec.provider.latitude;
    ctx.secrets.add(l.apiKey);
    return new LatitudeClient({ endpoint: l.endpoint, apiKey: l.apiKey, project: l.project, ...tuning(ctx.env) });
  });
}

/** Deletes one server (scale-in, destroy); a server already gone counts as deleted. */
export async function deleteServer(ctx: ClientContext, serverId: string): Promise<void> {
  const client = await latitudeClient(ctx);
  await client.deleteServer(serverId);
  ctx.cache.invalidate('latitude:servers');
}

function tuning(env: Record<string, string | undefined>): Partial<LatitudeClientOptions> {
  const num = (name: string): number | undefined => {
    const v = env[name];
    const n = v === undefined || v === '' ? NaN : Number(v);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const out: Partial<LatitudeClientOptions> = {};
  const poll = num('CTO_LATITUDE_POLL_MS');
  if (poll) out.pollIntervalMs = poll;
  const get = num('CTO_LATITUDE_RATE_GET');
  const write = num('CTO_LATITUDE_RATE_WRITE');
  if (get || write) out.rates = { get: get ?? 60, write: write ?? 20 };
  const base = num('CTO_LATITUDE_RETRY_BASE_MS');
  if (base) out.backoff = { ...DEFAULT_BACKOFF, baseMs: base, maxMs: Math.max(base, Math.min(DEFAULT_BACKOFF.maxMs, base * 100)) };
  const deploy = num('CTO_LATITUDE_DEPLOY_TIMEOUT_MS');
  if (deploy) out.deployTimeoutMs = deploy;
  return out;
}
