import { afterAll, beforeAll, inject } from 'vitest';
import type { RunContext } from '../../src/executors/context.js';
import type { ServerOutput } from '../../src/executors/latitude/reads.js';
import { clusterNodes } from '../../src/planner/nodes.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { loadKinds, type KindRegistry } from '../../src/executors/registry.js';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { talosRun } from './support.js';

export interface SimFleet {
  sim: TalosNodes;
  kinds: KindRegistry;
}

/** A file's simulated Talos fleet (Nodes registered in the shared control plane) and step kinds, started once per file. */
export function useSimFleet(timeScale: number): SimFleet {
  const fleet = {} as SimFleet;
  beforeAll(async () => {
    fleet.sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale });
    fleet.kinds = await loadKinds();
  });
  afterAll(async () => {
    await fleet.sim?.stop();
  });
  return fleet;
}

export const SIM_DISKS = ['/dev/nvme0n1', '/dev/nvme1n1'];

/** Boots `spec`'s nodes into maintenance mode at `127.0.<block>.<n>`: a block per cluster keeps test clusters apart. */
export async function bootNodes(fleet: TalosNodes, spec: Cluster, block: number): Promise<Map<string, string>> {
  const addresses = new Map<string, string>();
  for (const [i, node] of clusterNodes(spec).entries()) {
    const address = `127.0.${block}.${i + 1}`;
    addresses.set(node.name, address);
    await fleet.boot({ address, hostname: node.hostname, disks: SIM_DISKS });
  }
  return addresses;
}

/**
 * A run over `spec` whose servers are given rather than planned: their outputs preset and the
 * Latitude list of the cluster answered from them. With `base`, it shares that run's state folder.
 */
export function runWithServers(spec: Cluster, addresses: Map<string, string>, base?: RunContext): RunContext {
  const run = talosRun(spec);
  if (base) Object.assign(run.services, { state: base.services.state, journal: base.services.journal });
  const name = spec.metadata.name;
  const servers: ServerOutput[] = [...addresses].map(([node, ipv4]) => ({ id: `sv_${node}`, hostname: `${name}-${node}`, ipv4, status: 'on', site: 'SIM', plan: 'c2-small-x86', tags: [], locked: false }));
  for (const s of servers) run.outputs.set(`server/${s.id.slice(3)}`, s);
  void run.cache.once(`latitude:servers:of:${name}`, async () => servers);
  return run;
}
