import { describe, expect, it } from 'vitest';
import { firewallChange } from '../../src/executors/latitude/firewall.js';
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
