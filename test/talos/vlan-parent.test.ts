import { describe, expect, it } from 'vitest';
import type { TalosResource } from '../../src/clients/talos/resources.js';
import { nodePatches } from '../../src/executors/talos/patches.js';
import { choosePrivateLink } from '../../src/executors/talos/vlan-parent.js';
import { loadExample } from '../support/specs.js';

/** Resources as `talosctl get links|addresses -o json` prints them (Talos v1.13.9 `LinkStatusSpec`, `AddressStatusSpec`). */
const link = (id: string, type: string, kind = ''): TalosResource => ({ metadata: { namespace: 'network', type: 'LinkStatuses.net.talos.dev', id }, spec: { type, kind, linkState: true } });
const address = (linkName: string, cidr: string): TalosResource => ({ metadata: { namespace: 'network', type: 'AddressStatuses.net.talos.dev', id: `${linkName}/${cidr}` }, spec: { address: cidr, linkName } });

describe("the VLAN's parent link, read from the node", () => {
  const ip = '198.51.100.10';
  const lo = link('lo', 'loopback');
  const addresses = [address('lo', '127.0.0.1/8'), address('enp65s0f0', `${ip}/31`)];

  it('is the one physical link that does not carry the public address, whatever its name', () => {
    const links = [lo, link('enp65s0f0', 'ether'), link('enp65s0f1', 'ether'), link('enp65s0f1.2012', 'ether', 'vlan')];
    expect(choosePrivateLink('cp-0', ip, links, addresses)).toEqual({ link: 'enp65s0f1' });
  });
  it('refuses a node where that is not one link, naming the node and the links seen', () => {
    const four = [lo, link('eno1', 'ether'), link('eno2', 'ether'), link('eno3', 'ether')];
    const r = choosePrivateLink('worker-1', ip, four, [address('eno1', `${ip}/31`)]);
    expect(r).toEqual({ problem: expect.stringMatching(/^worker-1: .*2 physical links besides the public one.*links seen: lo \(loopback\), eno1 \(ether, 198\.51\.100\.10\), eno2 \(ether\), eno3 \(ether\)/) });
    expect(choosePrivateLink('cp-0', ip, [lo, link('eno1', 'ether')], [address('eno1', `${ip}/31`)])).toEqual({ problem: expect.stringContaining('no physical link is left besides the public one') });
    expect(choosePrivateLink('cp-0', ip, [lo, link('eno1', 'ether'), link('eno2', 'ether')], [])).toEqual({ problem: expect.stringContaining(`no link carries its public address ${ip}`) });
  });
  it('an explicit spec.network.private.interface wins over the link read', () => {
    const withInterface = loadExample('two-node.yaml', (t) => t.replace('subnet: 10.8.0.0/24', 'subnet: 10.8.0.0/24\n      interface: bond0')).cluster;
    const node = { node: 'cp-0', hostname: 'cto-prod-cp-0', role: 'controlplane' as const, storage: false };
    const vlan = (spec: typeof withInterface, parent?: string) => nodePatches(spec, node, { vid: 2012, ...(parent ? { parent } : {}) }).find((p) => p['kind'] === 'VLANConfig');
    expect(vlan(withInterface, 'enp65s0f1')).toMatchObject({ parent: 'bond0', name: 'bond0.2012' });
    const plain = loadExample('two-node.yaml').cluster;
    expect(vlan(plain, 'enp65s0f1')).toMatchObject({ parent: 'enp65s0f1', name: 'enp65s0f1.2012' });
    // Not read yet: no VLAN link rather than a guessed one.
    expect(vlan(plain)).toBeUndefined();
  });
});
