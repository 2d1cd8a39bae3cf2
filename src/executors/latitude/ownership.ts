/**
 * How cto marks the servers it owns. Servers have no description field, so ownership is
 * the hostname `<cluster>-<node>` plus team-wide tags: one for the cluster, one for the
 * node's role and one for the Talos image it was installed with (that image cannot be
 * read back from the API otherwise).
 */

const CLUSTER_PREFIX = 'cto-cluster-';

export const clusterTag = (cluster: string): string => `${CLUSTER_PREFIX}${cluster}`;

export const roleTag = (role: string): string => `cto-role-${role}`;

const IMAGE_PREFIX = 'cto-image-';

export const imageTag = (talosVersion: string, schematic: string): string => `${IMAGE_PREFIX}${talosVersion}-${schematic.slice(0, 12)}`;

/** The image tag among a server's tag names, if any. */
export const imageOf = (tagNames: string[]): string | undefined => tagNames.find((t) => t.startsWith(IMAGE_PREFIX));

/**
 * A server belongs to the cluster when tagged for it, or named exactly like one of its
 * nodes and not tagged for another cluster (cluster `demo` must not claim `demo-x-cp-0`).
 */
export function belongsTo(cluster: string, server: { hostname: string; tags: string[] }): boolean {
  if (server.tags.includes(clusterTag(cluster))) return true;
  if (server.tags.some((t) => t.startsWith(CLUSTER_PREFIX))) return false;
  const rest = server.hostname.startsWith(`${cluster}-`) ? server.hostname.slice(cluster.length + 1) : undefined;
  return rest !== undefined && /^(cp|worker)-\d+$/.test(rest);
}

/** The tags a node's server should carry, replacing other cto tags but keeping the user's. */
export function desiredTags(current: string[], cluster: string, role: string, image: string): string[] {
  const ours = [clusterTag(cluster), roleTag(role), image];
  const foreign = current.filter((t) => !t.startsWith('cto-'));
  return [...ours, ...foreign];
}
