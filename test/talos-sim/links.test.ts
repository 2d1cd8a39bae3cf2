// A simulated node's network links as the real talosctl reads them (Talos' LinkStatus and
// AddressStatus), and the VLAN parent cto reads from them when the spec names none.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { vlanParent } from '../../src/executors/talos/vlan-parent.js';
import { startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { testenvBin } from '../../testenv/paths.js';
import { testCluster, testContext } from '../platform/context.js';
import { Talosctl } from './talosctl.js';

const [named, plain, four] = ['127.0.206.1', '127.0.206.2', '127.0.206.3'];
let sim: TalosNodes;
let talosctl: Talosctl;

beforeAll(async () => {
  sim = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.02 });
  talosctl = await Talosctl.create();
  const disks = ['/dev/nvme0n1', '/dev/nvme1n1'];
  await sim.boot({ address: named, hostname: 'links-cp-0', disks, links: ['enp65s0f0np0', 'enp65s0f1np1'] });
  await sim.boot({ address: plain, hostname: 'links-cp-1', disks });
  await sim.boot({ address: four, hostname: 'links-cp-2', disks, links: ['eno1', 'eno2', 'eno3', 'eno4'] });
});

afterAll(async () => {
  await sim?.stop();
});

describe('network links of a simulated node', () => {
  it('are read in maintenance mode: loopback and physical Ethernet links, the public address on the first', async () => {
    const links = await talosctl.getJson(['links', '--insecure', '-n', named]);
    expect(links.map((l) => `${l.metadata.id} ${(l.spec as { type: string }).type} ${(l.spec as { kind: string }).kind || '-'}`)).toEqual(['enp65s0f0np0 ether -', 'enp65s0f1np1 ether -', 'lo loopback -']);
    const addresses = await talosctl.getJson(['addresses', '--insecure', '-n', named]);
    expect(addresses.map((a) => `${(a.spec as { linkName: string }).linkName} ${(a.spec as { address: string }).address}`).sort()).toEqual([`enp65s0f0np0 ${named}/32`, 'lo 127.0.0.1/8']);
  });

  it("talos/config's VLAN parent: the node's physical link without the public address; a node with more is refused by name", async () => {
    const { cluster } = testCluster('links', { nodes: { controlPlane: { count: 3, plan: 'p' } }, network: { private: { subnet: '10.8.0.0/24' } } });
    const ctx = testContext(cluster, undefined, { env: { ...process.env, CTO_TALOSCTL: testenvBin('talosctl') } });
    expect(await vlanParent(ctx, 'talos/config/cp-0', 'cp-0', named)).toBe('enp65s0f1np1');
    expect(await vlanParent(ctx, 'talos/config/cp-1', 'cp-1', plain)).toBe('eno2');
    const refused = await vlanParent(ctx, 'talos/config/cp-2', 'cp-2', four).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CtoError);
    expect((refused as CtoError).message).toMatch(/cp-2: cannot tell which link the private VLAN arrives on \(3 physical links besides the public one\); links seen: .*eno1 \(ether, 127\.0\.206\.3\).*eno4 \(ether\)/);
    const spec = testCluster('links', { nodes: { controlPlane: { count: 3, plan: 'p' } }, network: { private: { subnet: '10.8.0.0/24', interface: 'bond0' } } }).cluster;
    expect(await vlanParent(testContext(spec, undefined, { env: ctx.env }), 'talos/config/cp-2', 'cp-2', four)).toBe('bond0');
  });
});
