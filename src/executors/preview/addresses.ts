import type { ClusterNode } from '../../planner/nodes.js';
import { readObservations } from '../../state/observations.js';
import type { RunContext } from '../context.js';

/**
 * Makes the servers' addresses known to the run as `server/<node>` outputs,
 * which is where the config renderer reads the cluster endpoint from: offline,
 * as the last apply recorded them (`observations.json`), like `terraform show`;
 * with `refresh`, as Latitude lists them now. Returns why an address may still
 * be unknown, for the note that says so.
 */
export async function loadServerAddresses(run: RunContext, nodes: ClusterNode[], refresh: boolean): Promise<string> {
  if (refresh) {
    const { clusterServers } = await import('../latitude/reads.js');
    const live = await clusterServers(run.forStep({ signal: new AbortController().signal, progress: () => undefined }));
    for (const node of nodes) {
      const server = live.find((s) => s.hostname === node.hostname);
      if (server) run.outputs.set(`server/${node.name}`, server);
    }
    return 'Latitude lists no such server with an address yet';
  }
  for (const [id, observed] of await readObservations(run.services.state)) {
    if (id.startsWith('server/') && observed.state === 'present') run.outputs.set(id, observed.value);
  }
  return 'no apply has recorded it yet; --refresh asks Latitude';
}
