import { deleteServer, latitudeClient } from './client.js';
import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import { noop, type Change } from '../../planner/change.js';
import type { StepKind } from '../step-kind.js';
import { belongsTo, clusterTag } from './ownership.js';
import { costChange } from './cost.js';
import { clusterServers, toOutput, withPrice, type ServerOutput } from './reads.js';
import type { Observation } from '../../state/observations.js';

export interface ServerRetireDesired {
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
  retire: true;
}

/** The cluster's server with that hostname, ours (tagged) first if the name is doubled. */
function pick(servers: ServerOutput[], hostname: string, cluster: string): ServerOutput | undefined {
  const named = servers.filter((s) => s.hostname === hostname);
  return named.find((s) => s.tags.includes(clusterTag(cluster))) ?? named[0];
}

/**
 * `server/<node>` for a node leaving the spec: the server is deleted (journaled, so a crash in
 * between is answered by the next run's lookup). Runs after its Talos reset, never before.
 */
export const serverRetireKind: StepKind<ServerRetireDesired, ServerOutput> = {
  kind: 'latitude.server.retire',

  async observe(step, ctx): Promise<Observation<ServerOutput>> {
    const found = pick(await clusterServers(ctx), step.desired.hostname, ctx.spec.metadata.name);
    return found ? { state: 'present', value: await withPrice(found, ctx) } : { state: 'absent' };
  },

  diff(step, observed, ctx): Change {
    const change = serverRetireChange(step.desired.hostname, observed);
    if (change.action !== 'delete') return change;
    const price = observed.state === 'present' ? (observed.value.price ?? null) : null;
    return { ...change, cost: costChange(ctx.spec.spec.provider.latitude.currency, price, undefined) };
  },

  async apply(step, _change, ctx): Promise<ServerOutput> {
    const { hostname } = step.desired;
    const cluster = ctx.spec.metadata.name;
    // A fresh look: the shared list may predate this run's other deletes.
    const client = await latitudeClient(ctx);
    const server = pick((await client.listServers({ hostname })).map(toOutput).filter((s) => belongsTo(cluster, s)), hostname, cluster);
    for (const intent of await ctx.journal.pending(step.id)) {
      await ctx.journal.complete(intent.id, { recovered: server ? 'still there' : 'deleted' });
    }
    if (!server) return { id: '', hostname, ipv4: '', status: 'deleted', site: '', plan: '', tags: [], locked: false };
    const intent = await ctx.journal.begin(step.id, 'delete', { hostname, id: server.id });
    await deleteServer(ctx, server.id);
    await ctx.journal.complete(intent);
    ctx.cache.invalidate('latitude:servers');
    ctx.progress(`deleted ${server.id}`);
    return { ...server, status: 'deleted' };
  },

  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};

/** Pure: what retiring the server means for what was observed. */
export function serverRetireChange(hostname: string, observed: Observation<ServerOutput>): Change {
  if (observed.state === 'absent') return noop(`no server ${hostname}`);
  if (observed.state === 'unknown') return { action: 'delete', fields: [], reason: `delete server ${hostname} (${observed.reason})`, destructive: true };
  const s = observed.value;
  return {
    action: 'delete',
    fields: [],
    reason: `delete server ${hostname} (${s.id})`,
    destructive: true,
    ...(s.locked ? { notes: [`server ${s.id} is locked in Latitude: unlock it there or the delete is refused`] } : {}),
  };
}
