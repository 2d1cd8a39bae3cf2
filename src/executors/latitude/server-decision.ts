import { isFailedStatus } from '../../clients/latitude/deploy-watch.js';
import type { Change } from '../../planner/change.js';
import { clusterTag, desiredTags, imageOf, imageTag, roleTag } from './ownership.js';
import type { ServerOutput } from './reads.js';
import type { FieldDiff } from '../../spec/field-diff.js';

export interface ServerDesired {
  /** The node's name in step ids (`worker-1`). */
  node: string;
  hostname: string;
  role: 'controlplane' | 'worker';
  plan: string;
  billing: string;
  talosVersion: string;
  schematic: string;
  /** With `spec.access.adminCIDRs`: the server is assigned to the cluster's firewall. */
  firewall?: boolean;
}

/** What a server step has to do, decided from the desired node and the server found for it. */
export type ServerDecision =
  | { kind: 'create' }
  | { kind: 'replace'; server: ServerOutput; fields: FieldDiff[] }
  | { kind: 'reinstall'; server: ServerOutput; why: string; fields: FieldDiff[] }
  | { kind: 'adopt'; server: ServerOutput; tags: string[] }
  | { kind: 'patch'; server: ServerOutput; tags: string[]; billing?: string; why: string[] }
  | { kind: 'wait'; server: ServerOutput }
  | { kind: 'noop'; server: ServerOutput };

/** Latitude only moves billing up: hourly → monthly → yearly. */
const BILLING_ORDER = ['hourly', 'monthly', 'yearly'];

export function decide(d: ServerDesired, server: ServerOutput | undefined, site: string | undefined, cluster: string): ServerDecision {
  if (!server) return { kind: 'create' };
  const moved: FieldDiff[] = [];
  if (server.plan !== d.plan) moved.push({ path: 'plan', before: server.plan, after: d.plan });
  if (site !== undefined && server.site !== site) moved.push({ path: 'site', before: server.site, after: site });
  if (moved.length > 0) return { kind: 'replace', server, fields: moved };

  const image = imageTag(d.talosVersion, d.schematic);
  const tags = desiredTags(server.tags, cluster, d.role, imageOf(server.tags) ?? image);
  if (!server.tags.includes(clusterTag(cluster))) return { kind: 'adopt', server, tags };

  const current = imageOf(server.tags);
  if (current !== undefined && current !== image && server.talos === 'configured') {
    // A node that runs its installed config is upgraded in place (talos/upgrade/<node>, data kept):
    // the server only records the image iPXE would boot if it were reinstalled.
    return { kind: 'patch', server, tags: desiredTags(server.tags, cluster, d.role, image), why: [`records Talos image ${image.replace('cto-image-', '')}; the running node is upgraded in place by talos/upgrade/${d.node}`] };
  }
  if (current !== undefined && current !== image) {
    return {
      kind: 'reinstall',
      server,
      why: `Talos image changed: reinstall from iPXE`,
      fields: [{ path: 'talos.image', before: current.replace('cto-image-', ''), after: image.replace('cto-image-', '') }],
    };
  }
  if (isFailedStatus(server.status)) {
    return {
      kind: 'reinstall',
      server,
      why: `deployment ended in ${server.status}: reinstall from iPXE`,
      fields: [{ path: 'status', before: server.status, after: 'on' }],
    };
  }
  const why: string[] = [];
  if (!server.tags.includes(roleTag(d.role)) || current === undefined) {
    why.push(`adds tags ${tags.filter((t) => !server.tags.includes(t)).join(', ')}`);
  }
  const upgrade = server.billing !== undefined && BILLING_ORDER.indexOf(d.billing) > BILLING_ORDER.indexOf(server.billing);
  if (upgrade) why.push(`billing ${server.billing} → ${d.billing}`);
  if (why.length > 0) return { kind: 'patch', server, tags, ...(upgrade ? { billing: d.billing } : {}), why };
  if (server.status !== 'on' && !server.talos) return { kind: 'wait', server };
  return { kind: 'noop', server };
}

export function toChange(decision: ServerDecision, d: ServerDesired, site: string | undefined): Change {
  const image = `${d.talosVersion} (schematic ${d.schematic.slice(0, 12)})`;
  switch (decision.kind) {
    case 'create':
      return {
        action: 'create',
        reason: 'server does not exist',
        fields: [
          { path: 'hostname', after: d.hostname },
          { path: 'plan', after: d.plan },
          { path: 'site', after: site ?? '(known after region)' },
          { path: 'billing', after: d.billing },
          { path: 'talos.image', after: image },
        ],
      };
    case 'replace':
      return {
        action: 'replace',
        destructive: true,
        reason: `${decision.fields.map((f) => `${f.path} ${String(f.before)} → ${String(f.after)}`).join(', ')}: Latitude cannot change this in place, so server ${decision.server.id} is deleted and created anew`,
        fields: decision.fields,
        notes: ['the old server and its disks are destroyed'],
      };
    case 'reinstall':
      return {
        action: 'update',
        destructive: true,
        reason: `${decision.why} (server ${decision.server.id})`,
        fields: decision.fields,
        notes: ['the server is reinstalled: its disks are wiped and it reboots into Talos maintenance mode'],
      };
    case 'adopt': {
      const added = decision.tags.filter((t) => !decision.server.tags.includes(t));
      return {
        action: 'update',
        reason: `adopt existing server ${decision.server.id} (${decision.server.hostname}) (adds tags ${added.join(', ')})`,
        fields: [{ path: 'tags', before: decision.server.tags, after: decision.tags }],
      };
    }
    case 'patch': {
      const fields: FieldDiff[] = [];
      if (decision.tags.some((t) => !decision.server.tags.includes(t))) fields.push({ path: 'tags', before: decision.server.tags, after: decision.tags });
      if (decision.billing) fields.push({ path: 'billing', before: decision.server.billing, after: decision.billing });
      return { action: 'update', reason: `update server ${decision.server.id} in place: ${decision.why.join('; ')}`, fields };
    }
    case 'wait':
      return {
        action: 'update',
        reason: `server ${decision.server.id} is ${decision.server.status}: wait until it is on`,
        fields: [{ path: 'status', before: decision.server.status, after: 'on' }],
      };
    case 'noop': {
      const downgrade = decision.server.billing !== undefined && decision.server.billing !== d.billing;
      const s = decision.server;
      const state = s.status === 'on' ? 'is on' : `is ${s.status} in Latitude but already runs Talos (${s.talos})`;
      return {
        action: 'noop',
        fields: [],
        reason: `server ${s.id} ${state} at ${s.site} (${s.ipv4})`,
        ...(downgrade ? { notes: [`billing stays ${decision.server.billing}: Latitude cannot move it down to ${d.billing}`] } : {}),
      };
    }
  }
}
