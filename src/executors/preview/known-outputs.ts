import type { ClusterNode } from '../../planner/nodes.js';
import { readObservations } from '../../state/observations.js';
import type { RunContext } from '../context.js';
import { addr, parseAddress } from '../../planner/address.js';

/** Steps whose outputs a render reads: the servers (their addresses) and, where the graph has them, the chosen disks. */
const KNOWN = new Set(['server', 'storage/disk']);

/**
 * Makes what earlier steps found known to the run as their outputs, which is
 * where the renderers read it from (`server/cp-0`'s address is the cluster
 * endpoint): offline, as the last apply recorded it (`observations.json`),
 * like `terraform show`; with `refresh`, the servers as Latitude lists them
 * now. Returns why the endpoint may still be unknown, for the note that says so.
 */
export async function loadKnownOutputs(run: RunContext, nodes: ClusterNode[], refresh: boolean): Promise<string> {
  for (const [id, observed] of await readObservations(run.services.state)) {
    if (KNOWN.has(parseAddress(id)?.type ?? '') && observed.state === 'present') run.outputs.set(id, observed.value);
  }
  if (!refresh) return 'no apply has recorded it yet; --refresh asks Latitude';
  const { clusterServers } = await import('../latitude/reads.js');
  const live = await clusterServers(run.forStep({ signal: new AbortController().signal, progress: () => undefined }));
  for (const node of nodes) {
    const server = live.find((s) => s.hostname === node.hostname);
    if (server) run.outputs.set(addr.server(node.name), server);
    else run.outputs.delete(addr.server(node.name));
  }
  return 'Latitude lists no such server with an address yet';
}
