// The TypeScript launcher and the Latitude hooks against the real simulator binary.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latitudeHooks, startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';

let sim: TalosNodes;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
});

afterAll(async () => {
  await sim?.stop();
});

describe('startTalosNodes', () => {
  it('boots a deployed Latitude server as a maintenance-mode node and removes it on delete', async () => {
    const hooks = latitudeHooks(sim);
    await hooks.onServerDeployed({ hostname: 'hook-worker-0', ipv4: '127.0.203.1', disks: ['/dev/nvme0n1'] });
    expect(await sim.nodes()).toEqual([
      expect.objectContaining({ address: '127.0.203.1', nodeName: 'hook-worker-0', mode: 'maintenance', reachable: true, appliedConfigs: 0 }),
    ]);
    await hooks.onServerDeleted({ ipv4: '127.0.203.1' });
    expect(await sim.nodes()).toEqual([]);
    // a server deleted twice (or wiped and then deleted) is not an error
    await hooks.onServerDeleted({ ipv4: '127.0.203.1' });
  });

  it('refuses a second node on the same address and a non-loopback address', async () => {
    await sim.boot({ address: '127.0.203.2', hostname: 'dup', disks: [] });
    await expect(sim.boot({ address: '127.0.203.2', hostname: 'dup', disks: [] })).rejects.toThrow(/409 node 127\.0\.203\.2 already exists/);
    await expect(sim.boot({ address: '10.0.0.1', hostname: 'far', disks: [] })).rejects.toThrow(/400 address must be an IPv4 loopback address/);
  });

  it('reports an address another process already serves, then stops, closing the control API', async () => {
    const other = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 1 });
    await expect(other.boot({ address: '127.0.203.2', hostname: 'taken', disks: [] })).rejects.toThrow(
      /node 127\.0\.203\.2 cannot serve the Talos API: listen tcp 127\.0\.203\.2:50000: bind: address already in use/,
    );
    expect(await other.nodes()).toEqual([]);
    await other.stop();
    await expect(fetch(`${other.controlUrl}/nodes`)).rejects.toThrow();
  });
});
