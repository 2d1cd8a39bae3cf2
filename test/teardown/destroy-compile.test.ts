import { describe, expect, it } from 'vitest';
import { loadKinds } from '../../src/executors/registry.js';
import { orderedSteps } from '../../src/planner/compile.js';
import { compileDestroy } from '../../src/planner/destroy.js';
import { loadExample } from '../support/specs.js';

/** two-node.yaml without its private network and admin networks: the node teardown alone. */
const publicOnly = (t: string) => t.replace(/    private:\n.*\n/, '').replace(/  access:\n.*\n/, '');

describe('destroy compile', () => {
  const cluster = loadExample('two-node.yaml', publicOnly).cluster;
  const live = ['cto-prod-cp-0', 'cto-prod-worker-0', 'cto-prod-worker-1', 'other-cp-0', 'cto-prod-bastion'];

  it('tears down every node of ours that has a server, whatever the spec counts say', () => {
    const { steps } = compileDestroy(cluster, live, { kubernetes: true });
    expect(steps.map((s) => `${s.kind} ${s.id}`)).toEqual([
      'kubernetes.node.retire node/cp-0',
      'talos.reset talos/config/cp-0',
      'latitude.server.retire server/cp-0',
      'storage.pool.retire storage/pool/worker-0',
      'kubernetes.node.retire node/worker-0',
      'talos.reset talos/config/worker-0',
      'latitude.server.retire server/worker-0',
      'storage.pool.retire storage/pool/worker-1',
      'kubernetes.node.retire node/worker-1',
      'talos.reset talos/config/worker-1',
      'latitude.server.retire server/worker-1',
      'kubeconfig.unmerge kubeconfig',
    ]);
    for (const s of steps.filter((x) => x.id !== 'kubeconfig')) expect(s.desired).toMatchObject({ retire: true, node: s.node });
    // Every node goes at once: a drain would have nowhere to put the pods.
    for (const s of steps.filter((x) => x.kind === 'kubernetes.node.retire')) expect(s.desired).toMatchObject({ drain: false });
  });

  it('resets a control plane only after every Node is gone, and servers go last in each chain', () => {
    const compiled = compileDestroy(cluster, live, { kubernetes: true });
    const dep = (id: string) => compiled.steps.find((s) => s.id === id)!.dependsOn;
    expect(dep('talos/config/cp-0').sort()).toEqual(['node/cp-0', 'node/worker-0', 'node/worker-1']);
    expect(dep('node/worker-1')).toEqual(['storage/pool/worker-1']);
    expect(dep('talos/config/worker-1')).toEqual(['node/worker-1']);
    expect(dep('server/worker-1')).toEqual(['talos/config/worker-1']);
    const order = orderedSteps(compiled).map((s) => s.id);
    expect(order.indexOf('talos/config/cp-0')).toBeGreaterThan(order.indexOf('node/worker-1'));
  });

  it('without a reachable API goes straight to the Talos reset and the server', () => {
    const compiled = compileDestroy(cluster, live, { kubernetes: false });
    expect(compiled.steps.map((s) => s.id)).toEqual(['talos/config/cp-0', 'server/cp-0', 'talos/config/worker-0', 'server/worker-0', 'talos/config/worker-1', 'server/worker-1', 'kubeconfig']);
    expect(compiled.steps.find((s) => s.id === 'talos/config/cp-0')!.dependsOn).toEqual([]);
  });

  it('takes the context out of the user\'s kubeconfig last, once every server is gone', () => {
    const compiled = compileDestroy(cluster, live, { kubernetes: true });
    const step = compiled.steps.find((s) => s.id === 'kubeconfig')!;
    expect(step).toEqual({ id: 'kubeconfig', kind: 'kubeconfig.unmerge', phase: 'post-install', dependsOn: ['server/cp-0', 'server/worker-0', 'server/worker-1'], desired: { path: '', context: 'cto-prod' } });
    expect(orderedSteps(compiled).at(-1)!.id).toBe('kubeconfig');
  });

  it('without servers only the context is left to remove; every kind it uses is registered', async () => {
    expect(compileDestroy(cluster, [], { kubernetes: true }).steps).toEqual([
      { id: 'kubeconfig', kind: 'kubeconfig.unmerge', phase: 'post-install', dependsOn: [], desired: { path: '', context: 'cto-prod' } },
    ]);
    const kinds = await loadKinds();
    for (const s of compileDestroy(cluster, live, { kubernetes: true }).steps) expect(kinds.has(s.kind), s.kind).toBe(true);
  });

  it('with a private network, each server leaves the VLAN before it goes; the VLAN and the firewall go last', async () => {
    const withNetwork = loadExample('two-node.yaml').cluster;
    const compiled = compileDestroy(withNetwork, live, { kubernetes: true });
    const step = (id: string) => compiled.steps.find((s) => s.id === id)!;
    expect(step('network/worker-1')).toMatchObject({ kind: 'latitude.network.assignment.retire', dependsOn: ['talos/config/worker-1'] });
    expect(step('server/worker-1').dependsOn).toEqual(['network/worker-1']);
    for (const id of ['network', 'firewall']) {
      expect(step(id)).toMatchObject({ kind: 'latitude.network.retire', dependsOn: ['server/cp-0', 'server/worker-0', 'server/worker-1'] });
    }
    const kinds = await loadKinds();
    for (const s of compiled.steps) expect(kinds.has(s.kind), s.kind).toBe(true);
  });
});
