import { describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { buildGraph, compile, orderedSteps } from '../../src/planner/compile.js';
import { retiredNodes } from '../../src/planner/nodes.js';
import { selectSteps } from '../../src/planner/select.js';
import { loadExample } from '../support/specs.js';

const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('compile', () => {
  const two = compile(loadExample('two-node.yaml').cluster);

  it('gives the DESIGN step ids for a 1+1 cluster', () => {
    expect(ids(two.steps).sort()).toEqual(
      [
        'region', 'talos/secrets', 'server/cp-0', 'server/worker-0', 'talos/config/cp-0', 'talos/config/worker-0', 'talos/bootstrap',
        'kubernetes/api', 'node/cp-0', 'node/worker-0', 'platform/cilium', 'platform/bootstrap', 'platform/local-path', 'platform/argocd',
        'gitops/app-of-apps', 'gitops/sync', 'storage/drives', 'storage/disk/worker-0', 'storage/pool/worker-0', 'storage/class', 'kubeconfig',
        // two-node.yaml has a private network and admin networks
        'network', 'network/cp-0', 'network/worker-0', 'firewall', 'firewall/peers',
        'etcd/snapshot', 'talos/upgrade/cp-0', 'talos/upgrade/worker-0', 'kubernetes/upgrade',
      ].sort(),
    );
  });

  it('is deterministic', () => {
    expect(JSON.stringify(compile(loadExample('two-node.yaml').cluster).steps)).toBe(JSON.stringify(two.steps));
  });

  it('lets workers proceed without the bootstrap: a worker config waits only for servers and secrets', () => {
    const cfg = two.steps.find((s) => s.id === 'talos/config/worker-0')!;
    expect(cfg.dependsOn.sort()).toEqual(['network/worker-0', 'server/cp-0', 'server/worker-0', 'talos/secrets']);
    expect(two.steps.find((s) => s.id === 'kubeconfig')!.dependsOn).toEqual(['kubernetes/api']);
  });

  it('waits for a node to run and turn Ready after the API and the CNI, not in its config step', () => {
    expect(two.steps.find((s) => s.id === 'node/worker-0')!.dependsOn).toEqual(['talos/config/worker-0', 'kubernetes/api', 'platform/cilium']);
    expect(two.steps.find((s) => s.id === 'talos/bootstrap')!.dependsOn).toEqual(['talos/config/cp-0']);
  });

  it('gates the sync on every node and the pools on the sync', () => {
    expect(two.steps.find((s) => s.id === 'gitops/sync')!.dependsOn).toEqual(['gitops/app-of-apps', 'node/cp-0', 'node/worker-0']);
    expect(two.steps.find((s) => s.id === 'storage/pool/worker-0')!.dependsOn).toEqual(['gitops/sync', 'node/worker-0', 'storage/disk/worker-0']);
    // The disk is chosen as soon as the worker runs Talos, from its own disk list, after the plan's drives are checked.
    expect(two.steps.find((s) => s.id === 'storage/disk/worker-0')).toMatchObject({ dependsOn: ['storage/drives', 'talos/config/worker-0'], desired: { node: 'worker-0', disk: '/dev/nvme1n1' } });
    expect(two.steps.find((s) => s.id === 'storage/drives')).toMatchObject({ dependsOn: [], desired: { plans: ['c3-small-x86'] } });
  });

  it('scales with the spec: HA has 3+2 servers and 2 pools', () => {
    const ha = compile(loadExample('ha.yaml').cluster);
    expect(ids(ha.steps).filter((i) => i.startsWith('server/'))).toHaveLength(5);
    expect(ids(ha.steps).filter((i) => i.startsWith('storage/pool/'))).toEqual(['storage/pool/worker-0', 'storage/pool/worker-1']);
    // Every config carries every control plane's address in its certificates: it waits for all their servers.
    expect(ha.steps.find((s) => s.id === 'talos/config/worker-1')!.dependsOn).toEqual(expect.arrayContaining(['server/cp-0', 'server/cp-1', 'server/cp-2', 'network/worker-1']));
    expect(ha.steps.find((s) => s.id === 'talos/bootstrap')!.dependsOn).toEqual(['talos/config/cp-0']);
  });

  it("keeps the firewall's rules for the servers after every server, a retired one's deletion included", () => {
    expect(two.steps.find((s) => s.id === 'firewall/peers')!.dependsOn).toEqual(['firewall', 'server/cp-0', 'server/worker-0']);
    const spec = loadExample('two-node.yaml').cluster;
    const shrunk = compile(spec, { retired: [{ name: 'worker-1', hostname: 'cto-prod-worker-1', role: 'worker', plan: 'c3-small-x86', storage: true }] });
    expect(shrunk.steps.find((s) => s.id === 'firewall/peers')!.dependsOn).toEqual(['firewall', 'server/cp-0', 'server/worker-0', 'server/worker-1']);
    expect(shrunk.steps.find((s) => s.id === 'server/worker-1')!.kind).toBe('latitude.server.retire');
    // Behind a DNS endpoint a control plane's ingress firewall names every server: its config waits for them all.
    const dns = compile(loadExample('ha.yaml', (t) => t.replace('  access:', '  controlPlane:\n    endpoint: k8s.cto-ha.example.net\n  access:')).cluster);
    expect(dns.steps.find((s) => s.id === 'talos/config/cp-1')!.dependsOn).toEqual(expect.arrayContaining(['server/worker-0', 'server/worker-1']));
    expect(dns.steps.find((s) => s.id === 'talos/config/worker-1')!.dependsOn).not.toContain('server/worker-0');
    const vip = compile(loadExample('ha.yaml').cluster);
    expect(vip.steps.find((s) => s.id === 'talos/config/cp-1')!.dependsOn).not.toContain('server/worker-0');
  });

  it('orders steps so every dependency comes first', () => {
    const order = ids(orderedSteps(two));
    for (const s of two.steps) for (const d of s.dependsOn) expect(order.indexOf(d)).toBeLessThan(order.indexOf(s.id));
  });

  it('names a cycle', () => {
    const steps = [
      { id: 'a', kind: 'k', phase: 'talos' as const, dependsOn: ['c'], desired: {} },
      { id: 'b', kind: 'k', phase: 'talos' as const, dependsOn: ['a'], desired: {} },
      { id: 'c', kind: 'k', phase: 'talos' as const, dependsOn: ['b'], desired: {} },
    ];
    expect(() => buildGraph(steps)).toThrowError(CtoError);
    expect(() => buildGraph(steps)).toThrowError(/dependency cycle: .*a.*b.*c|dependency cycle: .*/);
    try {
      buildGraph(steps);
    } catch (e) {
      const msg = (e as CtoError).diagnostics[0]!.message;
      for (const id of ['a', 'b', 'c']) expect(msg).toContain(id);
    }
  });

  it('--target keeps dependencies; --exclude drops dependents', () => {
    expect(ids(selectSteps(two, ['talos/bootstrap'], [])).sort()).toEqual(['firewall', 'network', 'network/cp-0', 'region', 'server/cp-0', 'talos/bootstrap', 'talos/config/cp-0', 'talos/secrets']);
    const without = ids(selectSteps(two, [], ['platform/argocd']));
    expect(without).not.toContain('gitops/sync');
    expect(without).not.toContain('storage/class');
    expect(without).toContain('kubeconfig');
    expect(() => selectSteps(two, ['server/worker-9'], [])).toThrowError(/no such step/);
  });

  it('a name that is no step is answered with the steps it likely meant, from the parsed addresses', () => {
    const hint = (name: string) => {
      try {
        selectSteps(two, [name], []);
      } catch (e) {
        return (e as CtoError).diagnostics[0]!.hint;
      }
      throw new Error(`${name} was accepted`);
    };
    // A mistyped type: the steps about the node it names.
    expect(hint('talos/confg/cp-0')).toBe('did you mean server/cp-0, network/cp-0, talos/config/cp-0, node/cp-0, talos/upgrade/cp-0?');
    // A node the spec does not have: the steps of that type.
    expect(hint('server/worker-9')).toBe('did you mean server/cp-0, server/worker-0?');
    expect(hint('platform/cilum')).toMatch(/^did you mean platform\/cilium, platform\/bootstrap/);
    expect(hint('nothing')).toBe('see `cto graph -f <spec>` for the step ids');
  });
});

describe('scale-in', () => {
  const cluster = loadExample('two-node.yaml').cluster;

  it('finds nodes that have a server but left the spec, and only ours', () => {
    const retired = retiredNodes(cluster, ['cto-prod-cp-0', 'cto-prod-worker-0', 'cto-prod-worker-1', 'cto-prod-worker-10', 'other-worker-3', 'cto-prod-bastion']);
    expect(retired.map((n) => n.name)).toEqual(['worker-1', 'worker-10']);
    expect(retired[0]).toMatchObject({ role: 'worker', hostname: 'cto-prod-worker-1', storage: true });
  });

  it('tears a node down in reverse: pool, node, Talos, VLAN assignment, server', () => {
    const compiled = compile(cluster, { retired: retiredNodes(cluster, ['cto-prod-worker-1']) });
    const dep = (id: string) => compiled.steps.find((s) => s.id === id)!;
    expect(dep('storage/pool/worker-1').dependsOn).toEqual(['kubernetes/api']);
    expect(dep('node/worker-1').dependsOn).toEqual(['storage/pool/worker-1']);
    expect(dep('talos/config/worker-1').dependsOn).toEqual(['node/worker-1']);
    expect(dep('network/worker-1')).toMatchObject({ kind: 'latitude.network.assignment.retire', dependsOn: ['talos/config/worker-1'] });
    expect(dep('server/worker-1').dependsOn).toEqual(['network/worker-1']);
    for (const id of ['storage/pool/worker-1', 'node/worker-1', 'talos/config/worker-1', 'network/worker-1', 'server/worker-1']) expect(dep(id).desired).toMatchObject({ retire: true });
    // The sync never waits for a node that is leaving.
    expect(dep('gitops/sync').dependsOn).not.toContain('node/worker-1');
  });
});
