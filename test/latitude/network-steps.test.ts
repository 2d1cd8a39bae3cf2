import { describe, expect, it } from 'vitest';
import { firewallChange, isPeerRule } from '../../src/executors/latitude/firewall.js';
import { firewallPeersChange } from '../../src/executors/latitude/firewall-peers.js';
import { adminRules, peerRules, type PublicServer } from '../../src/spec/private-network.js';
import { networkChange, networkDescription } from '../../src/executors/latitude/network.js';
import { privateNetworkSteps } from '../../src/planner/compile.js';
import { loadExample } from '../support/specs.js';

describe('the VLAN step decides', () => {
  const d = { cluster: 'cto-ha', subnet: '10.8.0.0/24', vip: '10.8.0.100' };
  const present = (description: string) => ({ state: 'present' as const, value: { id: 'vlan_1', vid: 2012, site: 'DAL', description } });

  it('records the subnet and VIP in the description it owns the VLAN by', () => {
    expect(networkDescription(d)).toBe('cto-cluster-cto-ha subnet=10.8.0.0/24 vip=10.8.0.100');
    expect(privateNetworkSteps(loadExample('ha.yaml').cluster).vlan).toEqual(d);
  });
  it('creates a missing VLAN and leaves a matching one alone', () => {
    expect(networkChange(d, { state: 'absent' }, 'DAL')).toMatchObject({ action: 'create', reason: expect.stringContaining('DAL') });
    expect(networkChange(d, present(networkDescription(d)), 'DAL').action).toBe('noop');
  });
  it('a changed subnet or VIP on a live cluster is destructive (refused without --allow-destroy)', () => {
    const change = networkChange({ ...d, vip: '10.8.0.200' }, present(networkDescription(d)), 'DAL');
    expect(change).toMatchObject({ action: 'update', destructive: true, reason: expect.stringContaining('vip=10.8.0.100 → subnet=10.8.0.0/24 vip=10.8.0.200') });
  });
});

describe('the firewall step decides', () => {
  const rules = privateNetworkSteps(loadExample('ha.yaml').cluster).firewall!.rules;
  const d = { name: 'cto-cluster-cto-ha', rules };

  it('opens only the Talos and Kubernetes APIs, only to the admin networks', () => {
    expect(rules.map((r) => `${r.protocol} ${r.from} ${r.port}`)).toEqual(['TCP 203.0.113.0/24 50000', 'TCP 203.0.113.0/24 6443']);
  });
  it('creates, keeps (whatever the rule order), or updates the rules', () => {
    expect(firewallChange(d, { state: 'absent' }).action).toBe('create');
    expect(firewallChange(d, { state: 'present', value: { id: 'fw_1', name: d.name, rules: [...rules].reverse() } }).action).toBe('noop');
    const changed = firewallChange(d, { state: 'present', value: { id: 'fw_1', name: d.name, rules: rules.slice(0, 1) } });
    expect(changed).toMatchObject({ action: 'update' });
    expect(changed.destructive).toBeUndefined();
  });
});

describe("the firewall's rules for the cluster's own servers", () => {
  const ha = loadExample('ha.yaml').cluster;
  const withDns = loadExample('ha.yaml', (t) => t.replace('  access:', '  controlPlane:\n    endpoint: k8s.cto-ha.example.net\n  access:')).cluster;
  const servers: PublicServer[] = ['cp-0', 'cp-1', 'cp-2', 'worker-0', 'worker-1'].map((node, i) => ({ node, role: node.startsWith('cp') ? 'controlplane' : 'worker', ip: `198.51.100.${10 + i}` }));
  const keys = (rules: { from: string; port: string }[]) => rules.map((r) => `${r.from}:${r.port}`).sort();

  it('with the VIP as endpoint: only apid, from the control planes (cto reads every node through one)', () => {
    expect(keys(peerRules(ha, servers))).toEqual(['198.51.100.10:50000', '198.51.100.11:50000', '198.51.100.12:50000']);
  });
  it('with a DNS endpoint: the Kubernetes API and trustd from every server too', () => {
    const rules = peerRules(withDns, servers);
    expect(keys(rules)).toEqual(
      [...servers.flatMap((s) => [`${s.ip}:6443`, `${s.ip}:50001`]), '198.51.100.10:50000', '198.51.100.11:50000', '198.51.100.12:50000'].sort(),
    );
    expect(rules.every((r) => isPeerRule(r) && r.protocol === 'TCP' && r.to === 'ANY')).toBe(true);
    expect(adminRules(withDns).some(isPeerRule)).toBe(false);
  });
  it("the firewall step leaves the servers' rules alone, and firewall/peers the admin networks'", () => {
    const admin = adminRules(ha);
    const peers = peerRules(ha, servers);
    const fw = { id: 'fw_1', name: 'cto-cluster-cto-ha', rules: [...admin, ...peers] };
    expect(firewallChange({ name: fw.name, rules: admin }, { state: 'present', value: fw }).action).toBe('noop');
    expect(firewallPeersChange(fw.name, { state: 'present', value: { id: 'fw_1', rules: peers } }, peers, []).action).toBe('noop');
  });
  it('follows the servers: a new one is added, a retired one removed, an unknown address is known after apply', () => {
    const three = peerRules(withDns, servers.slice(0, 3));
    const observed = { state: 'present' as const, value: { id: 'fw_1', rules: three } };
    const grown = firewallPeersChange('fw', observed, peerRules(withDns, servers), []);
    expect(grown.action).toBe('update');
    expect(grown.fields[0]!.after).toEqual(expect.arrayContaining(['TCP 198.51.100.14 → ANY:6443', 'TCP 198.51.100.14 → ANY:50001']));
    const shrunk = firewallPeersChange('fw', { state: 'present', value: { id: 'fw_1', rules: peerRules(withDns, servers) } }, three, []);
    expect(shrunk.fields[0]!.before).toContain('TCP 198.51.100.14 → ANY:6443');
    expect(shrunk.fields[0]!.after).not.toContain('TCP 198.51.100.14 → ANY:6443');
    const pending = firewallPeersChange('fw', observed, three, ['worker-0']);
    expect(pending).toMatchObject({ action: 'update', reason: expect.stringContaining('server/worker-0: known after apply') });
    expect(firewallPeersChange('fw', { state: 'unknown', reason: 'known after firewall exists' }, [], ['cp-0']).action).toBe('create');
  });
});
