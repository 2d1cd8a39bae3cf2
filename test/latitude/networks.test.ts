import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeClient } from '../../src/clients/latitude/client.js';
import { LatitudeApiError } from '../../src/clients/latitude/errors.js';
import { firewall, firewallAssignment, unwrapped, virtualNetwork, vlanAssignment } from '../../src/clients/latitude/network-wire.js';
import { decodeList, decodeOne } from '../../src/clients/latitude/wire.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

/**
 * Bodies from the sources the simulator follows for these endpoints: the older Go client's recorded
 * VLAN assignment (quoted in the project's Latitude reference, §4.4) and the official Go SDK's models
 * (no traffic of firewalls was ever recorded).
 */
const ASSIGNMENT_CREATED = {
  data: { id: 'vnasg_y3ZXaDKnQ5p2m', type: 'virtual_network_assignment', attributes: { virtual_network_id: 'vlan_dYjv5rgk1aqp7', vid: 2085, server_id: 'sv_ZozMaznr2a7kw', description: 'Testing golang client', status: 'connecting' } },
  meta: {},
};
const ASSIGNMENT_LIST = {
  data: [
    {
      id: 'vnasg_y3ZXaDKnQ5p2m',
      type: 'virtual_network_assignment',
      attributes: { virtual_network_id: 'vlan_dYjv5rgk1aqp7', vid: 2085, description: 'Testing golang client', status: 'connecting', server: { id: 'sv_ZozMaznr2a7kw', hostname: 'testrand', label: '205S013092', status: 'on' } },
    },
  ],
  meta: {},
};
const FIREWALL = {
  data: {
    id: 'fw_6A05EdQ1dvKYQ',
    type: 'firewalls',
    attributes: {
      name: 'my-firewall',
      rules: [
        { from: 'ANY', to: 'ANY', port: '22', protocol: 'TCP', default: true },
        { from: '192.168.1.0/24', to: 'ANY', port: '80-443', protocol: 'tcp', description: 'web' },
      ],
      project: { id: 'proj_1', slug: 'p', name: 'P' },
    },
  },
  meta: {},
};
const FIREWALL_SERVER = { id: 'fwasg_1', type: 'firewall_servers', attributes: { server_id: 'sv_1', firewall_id: 'fw_1' } };
const FIREWALL_ASSIGNMENTS = {
  data: [{ id: 'fwasg_1', type: 'firewall_assignments', attributes: { server: { id: 'sv_1', primary_ipv4: '203.0.113.9', hostname: 'h' }, firewall: { id: 'fw_1', name: 'f' }, firewall_id: 'fw_1' } }],
  meta: {},
};

describe('network decoders', () => {
  it('read a VLAN assignment as created (server_id) and as listed (server embedded)', () => {
    expect(decodeOne(ASSIGNMENT_CREATED, vlanAssignment).attributes).toEqual({ vlanId: 'vlan_dYjv5rgk1aqp7', serverId: 'sv_ZozMaznr2a7kw', status: 'connecting' });
    expect(decodeList(ASSIGNMENT_LIST, vlanAssignment).items[0]!.attributes.serverId).toBe('sv_ZozMaznr2a7kw');
  });
  it('read a firewall, leaving out the rules Latitude adds itself', () => {
    expect(decodeOne(FIREWALL, firewall).attributes.rules).toEqual([{ from: '192.168.1.0/24', to: 'ANY', port: '80-443', protocol: 'TCP', description: 'web' }]);
  });
  it('read a firewall assignment bare (as the SDK decodes its 201) or enveloped, and as listed', () => {
    expect(firewallAssignment(unwrapped(FIREWALL_SERVER), '$').attributes).toEqual({ serverId: 'sv_1', firewallId: 'fw_1' });
    expect(firewallAssignment(unwrapped({ data: FIREWALL_SERVER, meta: {} }), '$').attributes).toEqual({ serverId: 'sv_1', firewallId: 'fw_1' });
    expect(decodeList(FIREWALL_ASSIGNMENTS, firewallAssignment).items[0]!.attributes).toEqual({ serverId: 'sv_1', firewallId: 'fw_1' });
  });
  it('refuse a VLAN without a vid', () => {
    expect(() => virtualNetwork({ id: 'vlan_1', type: 'virtual_networks', attributes: { description: 'x' } }, '$.data')).toThrow(/\$\.data\.attributes\.vid/);
  });
});

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('the client against the simulator', () => {
  async function world() {
    sim = await startSimulator({ apiKey: 'k', timeScale: 0.001, deploySeconds: 1 });
    const client = new LatitudeClient({ endpoint: sim.url, apiKey: 'k', project: 'cto-sim', pageSize: 2 });
    const servers = await Promise.all(['a', 'b', 'c'].map((h) => client.createServer({ hostname: h, plan: 'c2-small-x86', site: 'DAL', billing: 'hourly', ipxe: '#!ipxe\n' })));
    return { client, servers };
  }

  it('VLANs: create, list by site, assign (connecting, then connected), refuse to delete while assigned, delete', async () => {
    const { client, servers } = await world();
    const n = client.networks;
    const vlan = await n.createVirtualNetwork({ site: 'DAL', description: 'cto-cluster-x' });
    expect(vlan.attributes).toMatchObject({ site: 'DAL', description: 'cto-cluster-x' });
    expect((await n.listVirtualNetworks({ site: 'DAL' })).map((v) => v.id)).toEqual([vlan.id]);
    expect(await n.listVirtualNetworks({ site: 'MIA2' })).toEqual([]);
    for (const s of servers) expect((await n.assignVlan({ serverId: s.id, vlanId: vlan.id })).attributes.status).toBe('connecting');
    // Three assignments on pages of two: the list is read whole.
    const listed = await n.listVlanAssignments({ vlanId: vlan.id });
    expect(listed.map((a) => a.attributes.serverId).sort()).toEqual(servers.map((s) => s.id).sort());
    await expect.poll(async () => (await n.listVlanAssignments({ serverId: servers[0]!.id }))[0]?.attributes.status).toBe('connected');
    const refused = await n.deleteVirtualNetwork(vlan.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LatitudeApiError);
    expect((refused as LatitudeApiError).httpStatus).toBe(406);
    for (const a of listed) await n.deleteVlanAssignment(a.id);
    await n.deleteVirtualNetwork(vlan.id);
    await n.deleteVirtualNetwork(vlan.id); // gone counts as deleted
    expect(await n.listVirtualNetworks()).toEqual([]);
  });

  it('a VLAN in another site is refused; a deleted server leaves its VLAN and firewall', async () => {
    const { client, servers } = await world();
    const n = client.networks;
    const mia = await n.createVirtualNetwork({ site: 'MIA2', description: 'elsewhere' });
    await expect(n.assignVlan({ serverId: servers[0]!.id, vlanId: mia.id })).rejects.toMatchObject({ httpStatus: 422 });
    const dal = await n.createVirtualNetwork({ site: 'DAL', description: 'here' });
    await n.assignVlan({ serverId: servers[0]!.id, vlanId: dal.id });
    const fw = await n.createFirewall({ name: 'f', rules: [] });
    await n.assignFirewall({ firewallId: fw.id, serverId: servers[0]!.id });
    await client.deleteServer(servers[0]!.id);
    expect(await n.listVlanAssignments({ vlanId: dal.id })).toEqual([]);
    expect(await n.listFirewallAssignments(fw.id)).toEqual([]);
  });

  it('firewalls: create with rules, list, replace the rules, assign, unassign, delete', async () => {
    const { client, servers } = await world();
    const n = client.networks;
    const rules = [
      { from: '203.0.113.0/24', to: 'ANY', protocol: 'TCP', port: '50000', description: 'Talos API' },
      { from: '203.0.113.0/24', to: 'ANY', protocol: 'TCP', port: '6443' },
    ];
    const fw = await n.createFirewall({ name: 'cto-x', rules });
    expect(fw.attributes).toEqual({ name: 'cto-x', rules });
    expect((await n.listFirewalls()).map((f) => f.id)).toEqual([fw.id]);
    const updated = await n.updateFirewall(fw.id, { name: 'cto-x', rules: rules.slice(0, 1) });
    expect(updated.attributes.rules).toEqual(rules.slice(0, 1));
    await expect(n.createFirewall({ name: 'bad', rules: [{ from: 'anywhere', to: 'ANY', protocol: 'TCP', port: '1' }] })).rejects.toMatchObject({ httpStatus: 422 });
    const a = await n.assignFirewall({ firewallId: fw.id, serverId: servers[1]!.id });
    expect(a.attributes).toEqual({ firewallId: fw.id, serverId: servers[1]!.id });
    expect((await n.listFirewallAssignments(fw.id)).map((x) => x.id)).toEqual([a.id]);
    await n.deleteFirewallAssignment(fw.id, a.id);
    expect(await n.listFirewallAssignments(fw.id)).toEqual([]);
    await n.deleteFirewall(fw.id);
    expect(await n.listFirewalls()).toEqual([]);
  });
});
