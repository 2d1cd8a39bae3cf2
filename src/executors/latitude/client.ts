import { LatitudeClient } from '../../clients/latitude/client.js';
import { latitudeRates } from '../../clients/latitude/rates.js';
import { envConfig } from '../../config/env.js';
import type { StepContext } from '../step-kind.js';

type ClientContext = Pick<StepContext, 'spec' | 'cache' | 'secrets' | 'env'>;

/** Cache key of the shared client; outside `latitude:` so invalidating reads keeps the pool. */
export const CLIENT_CACHE_KEY = 'client:latitude';

/**
 * The run's one Latitude client (one connection pool, one rate limit, one deploy watch),
 * configured from the spec with Latitude's documented limits. The API key is registered as
 * a secret before any use, whoever built the client in the cache.
 */
export function latitudeClient(ctx: ClientContext): Promise<LatitudeClient> {
  const l = ctx.spec.spec.provider.latitude;
  ctx.secrets.add(l.apiKey);
  return ctx.cache.once(CLIENT_CACHE_KEY, async () => new LatitudeClient({ endpoint: l.endpoint, apiKey: l.apiKey, project: l.project, rates: latitudeRates(envConfig(ctx.env).latitudeRates) }));
}

/** Deletes one server (scale-in, destroy); a server already gone counts as deleted. */
export async function deleteServer(ctx: ClientContext, serverId: string): Promise<void> {
  const client = await latitudeClient(ctx);
  await client.deleteServer(serverId);
  ctx.cache.invalidate('latitude:servers');
}
