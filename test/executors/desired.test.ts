import { describe, expect, expectTypeOf, it } from 'vitest';
import { desiredOf, isKind, type KindDesired } from '../../src/executors/desired.js';
import type { ServerDesired } from '../../src/executors/latitude/server-decision.js';
import { loadKinds } from '../../src/executors/registry.js';
import type { ConfigDesired } from '../../src/executors/talos/config.js';
import { addr } from '../../src/planner/address.js';
import { compile } from '../../src/planner/compile.js';
import { retiredNodes } from '../../src/planner/nodes.js';
import { loadExample } from '../support/specs.js';

/** Every name of KindDesired, once: tsc refuses a missing or an extra one. */
const NAMED: Record<keyof KindDesired, true> = {
  'latitude.region': true,
  'latitude.server': true,
  'latitude.server.retire': true,
  'latitude.network': true,
  'latitude.network.retire': true,
  'latitude.network.assignment': true,
  'latitude.network.assignment.retire': true,
  'latitude.firewall': true,
  'latitude.firewall.peers': true,
  'talos.secrets': true,
  'talos.config': true,
  'talos.bootstrap': true,
  'talos.reset': true,
  'talos.etcd-snapshot': true,
  'talos.upgrade': true,
  'kubernetes.api': true,
  'kubernetes.node': true,
  'kubernetes.node.retire': true,
  'kubernetes.upgrade': true,
  'platform.cilium': true,
  'platform.bootstrap': true,
  'platform.local-path': true,
  'platform.argocd': true,
  'gitops.app-of-apps': true,
  'gitops.sync': true,
  'storage.drives': true,
  'storage.disk': true,
  'storage.pool': true,
  'storage.pool.retire': true,
  'storage.class': true,
  'kubeconfig.merge': true,
  'kubeconfig.unmerge': true,
};

describe('desired values by kind', () => {
  const cluster = loadExample('ha.yaml').cluster;
  const { steps } = compile(cluster, { retired: retiredNodes(cluster, [`${cluster.metadata.name}-worker-9`]) });

  it('names every kind the registry loads, and only those', async () => {
    expect(Object.keys(NAMED).sort()).toEqual([...(await loadKinds()).keys()].sort());
  });

  it('gives a step of the kind asked for, and nothing for a step of another kind at that address', () => {
    const config = desiredOf(steps, addr.talosConfig('cp-0'), 'talos.config');
    expect(config).toMatchObject({ node: 'cp-0', role: 'controlplane' });
    expectTypeOf(config).toEqualTypeOf<ConfigDesired | undefined>();
    // The retired worker's server/<node> is a teardown step: not a latitude.server.
    expect(desiredOf(steps, addr.server('worker-9'), 'latitude.server')).toBeUndefined();
    expect(desiredOf(steps, addr.server('worker-9'), 'latitude.server.retire')).toMatchObject({ node: 'worker-9', retire: true });
    expect(desiredOf(steps, addr.server('nope'), 'latitude.server')).toBeUndefined();
    const server = steps.find((s) => s.id === addr.server('cp-0'))!;
    expect(isKind(server, 'latitude.server') && server.desired.plan).toBe(cluster.spec.nodes.controlPlane.plan);
  });

  it('does not compile a reader that expects another shape than the kind takes', () => {
    const read = () => {
      // @ts-expect-error a machine config's desired value has no plan: that is the server's
      void desiredOf(steps, addr.talosConfig('cp-0'), 'talos.config')?.plan;
      // @ts-expect-error the value is a ConfigDesired, not a ServerDesired
      const server: ServerDesired | undefined = desiredOf(steps, addr.talosConfig('cp-0'), 'talos.config');
      // @ts-expect-error no kind of that name
      void desiredOf(steps, addr.talosConfig('cp-0'), 'talos.configuration');
      return server;
    };
    expect(read).toBeTypeOf('function');
  });
});
