import { isFailedStatus } from '../../clients/latitude/deploy-watch.js';
import { latitudeClient } from './client.js';
import { isTransientLatitudeError } from '../../clients/latitude/errors.js';
import type { Server } from '../../clients/latitude/wire.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Change, CostChange } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { talosIpxeScript } from './ipxe.js';
import { belongsTo, clusterTag, desiredTags, imageOf, imageTag } from './ownership.js';
import { costChange } from './cost.js';
import { ensureFirewall, firewalled } from './firewall.js';
import { clusterServers, tagIds, toOutput, withPrice, type ServerOutput } from './reads.js';
import { waitUntilReady } from './readiness.js';
import { decide, toChange, type ServerDecision, type ServerDesired } from './server-decision.js';
import { talosProbe } from './talos-answer.js';
import type { Observation } from '../../state/observations.js';
import type { LatitudeClient } from '../../clients/latitude/client.js';

const siteOf = (ctx: StepContext): string | undefined => ctx.outputOf('region')?.site;

/** A create pays the desired plan at the chosen site; a replace swaps the old server's price for it. */
function costOf(change: Change, plan: string, server: ServerOutput | undefined, ctx: StepContext): CostChange | undefined {
  if (change.action !== 'create' && change.action !== 'replace') return undefined;
  const after = ctx.outputOf('region')?.prices?.[plan] ?? null;
  const before = change.action === 'replace' ? (server?.price ?? null) : undefined;
  return costChange(ctx.spec.spec.provider.latitude.currency, before, after);
}

/** The server for this node among the cluster's: ours first if a hostname is doubled. */
function pick(servers: ServerOutput[], hostname: string, cluster: string): ServerOutput | undefined {
  const named = servers.filter((s) => s.hostname === hostname);
  return named.find((s) => s.tags.includes(clusterTag(cluster))) ?? named[0];
}

/**
 * A server still deploying by Latitude's word may already run Talos (iPXE): ask its Talos API,
 * so that a plan does not wait for a status that may never turn `on`. A server whose Talos image
 * tag differs from the spec's is asked too: one running its installed config is upgraded in place,
 * never reinstalled.
 */
async function withTalos(server: ServerOutput, ctx: StepContext, d: ServerDesired): Promise<ServerOutput> {
  const imageChanged = imageOf(server.tags) !== undefined && imageOf(server.tags) !== imageTag(d.talosVersion, d.schematic);
  if ((server.status === 'on' && !imageChanged) || isFailedStatus(server.status) || !server.ipv4) return server;
  const answer = await talosProbe(ctx)(server.ipv4, ctx.signal);
  return answer === 'maintenance' || answer === 'configured' ? { ...server, talos: answer } : server;
}

/**
 * A fresh look (no shared cache): right before acting, the world may have moved.
 * Also returns every server holding the hostname, ours or not, so that a create's
 * reconciliation never mistakes one of them for the server it just made.
 */
async function lookup(client: LatitudeClient, hostname: string, cluster: string): Promise<{ mine: ServerOutput | undefined; ids: string[] }> {
  const named = (await client.listServers({ hostname })).map(toOutput);
  return { mine: pick(named.filter((s) => belongsTo(cluster, s)), hostname, cluster), ids: named.map((s) => s.id) };
}

/**
 * `server/<node>`: one bare-metal server that iPXE-boots Talos into maintenance mode.
 * Creates are journaled (intent before the POST, completion after) so a crash in
 * between is recovered by finding the server by hostname, never by creating a twin.
 */
export const serverKind: StepKind<ServerDesired, ServerOutput> = {
  kind: 'latitude.server',

  async observe(step, ctx): Promise<Observation<ServerOutput>> {
    const found = pick(await clusterServers(ctx), step.desired.hostname, ctx.spec.metadata.name);
    if (!found) return { state: 'absent' };
    const behind = wantsFirewall(step) ? await firewalled(ctx, found.id) : undefined;
    return { state: 'present', value: { ...(await withTalos(await withPrice(found, ctx), ctx, step.desired)), ...(behind === undefined ? {} : { firewalled: behind }) } };
  },

  diff(step, observed, ctx): Change {
    const server = observed.state === 'present' ? observed.value : undefined;
    const site = siteOf(ctx);
    const decided = toChange(decide(step.desired, server, site, ctx.spec.metadata.name), step.desired, site);
    const change = observed.state === 'unknown' ? { ...decided, reason: observed.reason } : decided;
    const cost = costOf(change, step.desired.plan, server, ctx);
    return withFirewall(step, server, cost ? { ...change, cost } : change);
  },

  async apply(step, change, ctx): Promise<ServerOutput> {
    const d = step.desired;
    const cluster = ctx.spec.metadata.name;
    const site = siteOf(ctx);
    if (!site) throw new CtoError({ severity: 'error', stepId: step.id, message: 'no site was chosen (the region step has no output)' });
    const client = await latitudeClient(ctx);

    const { mine: current, ids } = await lookup(client, d.hostname, cluster);
    // Intents left by an interrupted run: the lookup above has already answered them.
    for (const intent of await ctx.journal.pending(step.id)) {
      await ctx.journal.complete(intent.id, current ? { recovered: current.id } : { recovered: 'nothing was created' });
    }

    // Behind the firewall before anything else happens to it (a reinstall reboots into maintenance mode).
    if (current && wantsFirewall(step)) await ensureFirewall(ctx, step.id, current.id);
    // As at plan time: a running node's image change is an in-place upgrade, not a reinstall.
    const decision = decide(d, current && (await withTalos(current, ctx, d)), site, cluster);
    const destructive = decision.kind === 'replace' || decision.kind === 'reinstall';
    if (destructive && !change.destructive) {
      throw new CtoError({
        severity: 'error',
        stepId: step.id,
        message: `server ${d.hostname} changed since the plan: it now needs "${toChange(decision, d, site).reason}"`,
        hint: 'run `cto plan` again and review the destructive change',
      });
    }
    const result = await act(step, decision, site, client, ctx, ids);
    ctx.cache.invalidate('latitude:servers');
    return result;
  },

  // No step timeout: the deploy watch has its own (failed deployments take ~30 min to say so).
  // A retry starts over from the hostname lookup, so it never creates a second server.
  limits: { concurrencyKey: () => 'latitude:write', retry: { attempts: 4, baseMs: 2_000, maxMs: 30_000 } },
  retryable: isTransientLatitudeError,
};

const wantsFirewall = (step: Step<ServerDesired>): boolean => step.desired.firewall === true;

/** A server that is otherwise up to date but not behind the cluster's firewall (yet) is updated: it gets assigned. */
function withFirewall(step: Step<ServerDesired>, server: ServerOutput | undefined, change: Change): Change {
  if (!wantsFirewall(step) || !server || server.firewalled === true || change.action !== 'noop') return change;
  return { action: 'update', fields: [{ path: 'firewall', before: 'none', after: 'cluster firewall' }], reason: `put ${server.hostname} behind the cluster's firewall` };
}

async function act(
  step: Step<ServerDesired>,
  decision: ServerDecision,
  site: string,
  client: LatitudeClient,
  ctx: StepContext,
  preexisting: string[],
): Promise<ServerOutput> {
  const d = step.desired;
  const cluster = ctx.spec.metadata.name;
  const ipxe = talosIpxeScript(d.talosVersion, d.schematic);
  const image = imageTag(d.talosVersion, d.schematic);

  // One budget for every Latitude write of the run: say so when this step waits for it.
  const budget = { onQueued: (n: number) => ctx.progress(`waiting for the Latitude write budget: ${n} write${n === 1 ? '' : 's'} queued`) };
  const create = async (): Promise<Server> => {
    const intent = await ctx.journal.begin(step.id, 'create', { hostname: d.hostname, plan: d.plan, site });
    const created = await client.createServer({ hostname: d.hostname, plan: d.plan, site, billing: d.billing, ipxe, preexisting }, budget);
    await ctx.journal.complete(intent, { id: created.id });
    ctx.progress(`created ${created.id} at ${site}`);
    // At once: the server iPXE-boots into Talos' unauthenticated maintenance mode within minutes.
    if (wantsFirewall(step)) await ensureFirewall(ctx, step.id, created.id);
    return created;
  };
  const tag = async (id: string, tags: string[], billing?: string): Promise<void> => {
    await client.updateServer(id, { hostname: d.hostname, tags: await tagIds(ctx, tags), ...(billing ? { billing } : {}) }, budget);
  };
  const waitOn = async (id: string, staleStatus?: string): Promise<ServerOutput> => {
    // Waiting is not writing: let other servers be created meanwhile.
    ctx.releaseLimits();
    const ready = await waitUntilReady((server, opts) => client.waitForDeploy(server, opts), id, {
      timeoutMs: client.deployTimeoutMs,
      stepId: step.id,
      signal: ctx.signal,
      reinstalled: staleStatus !== undefined,
      probe: talosProbe(ctx),
      ...(staleStatus ? { staleStatus } : {}),
      onStatus: (status) => ctx.progress(status), // progress views add the time elapsed
    });
    if (ready.via === 'status') return toOutput(ready.server);
    ctx.progress(`Talos answers at ${ready.server.attributes.primary_ipv4} (${ready.via}) while Latitude says ${ready.server.attributes.status}`);
    return { ...toOutput(ready.server), talos: ready.via };
  };

  switch (decision.kind) {
    case 'create': {
      const created = await create();
      // The next server's creation need not wait for this one's tags.
      ctx.releaseLimits();
      await tag(created.id, desiredTags([], cluster, d.role, image));
      return waitOn(created.id);
    }
    case 'replace': {
      const intent = await ctx.journal.begin(step.id, 'delete', { hostname: d.hostname, id: decision.server.id });
      await client.deleteServer(decision.server.id);
      await ctx.journal.complete(intent);
      ctx.progress(`deleted ${decision.server.id}`);
      const created = await create();
      await tag(created.id, desiredTags([], cluster, d.role, image));
      return waitOn(created.id);
    }
    case 'reinstall': {
      const intent = await ctx.journal.begin(step.id, 'reinstall', { hostname: d.hostname, id: decision.server.id, image });
      await client.reinstall(decision.server.id, { hostname: d.hostname, ipxe });
      await ctx.journal.complete(intent);
      await tag(decision.server.id, desiredTags(decision.server.tags, cluster, d.role, image));
      return waitOn(decision.server.id, decision.server.status);
    }
    case 'adopt':
      await tag(decision.server.id, decision.tags);
      return decision.server.status === 'on' ? { ...decision.server, tags: decision.tags } : waitOn(decision.server.id);
    case 'patch':
      await tag(decision.server.id, decision.tags, decision.billing);
      return decision.server.status === 'on'
        ? { ...decision.server, tags: decision.tags, ...(decision.billing ? { billing: decision.billing } : {}) }
        : waitOn(decision.server.id);
    case 'wait':
      return waitOn(decision.server.id);
    case 'noop':
      return decision.server;
  }
}
