import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import type { Plan } from '../../src/planner/plan.js';
import { startWorld, writeWorldExample, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { repoRoot, runCto } from '../support/cli.js';

/**
 * High availability in the test world: examples/ha.yaml itself (three control planes, two workers, a
 * private network with a VIP, admin networks; only the world's endpoints and admin network
 * substituted) applied in one go, and another cluster that grows its control plane from one to
 * three, with etcd's membership read from the nodes at each step and the firewall's rules for the
 * cluster's own servers following them.
 */
describe('end to end: HA control planes on a private network', () => {
  let world: World;
  const cto = (args: string[]) => runCto(args, { env: world.env, timeoutMs: 900_000 });
  const changed = async (spec: string) => {
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    expect(r.code, r.stderr.slice(-3000)).not.toBe(1);
    return (JSON.parse(r.stdout) as Plan).steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}`);
  };
  const serversOf = (cluster: string) => [...world.sim.state.servers.values()].filter((s) => s.hostname.startsWith(`${cluster}-`));
  /** etcd's members as each control plane's own etcd lists them (hostnames, sorted). */
  const etcdMembers = async (cluster: string) => {
    const talosctl = new Talosctl({ bin: world.env.CTO_TALOSCTL!, talosconfig: join(world.dir, '.cto', cluster, 'talos', 'talosconfig'), redact: (t) => t });
    const cps = serversOf(cluster).filter((s) => /-cp-\d+$/.test(s.hostname));
    const views = await Promise.all(cps.map(async (s) => (await talosctl.etcdMembers(s.ipv4)).map((m) => m.hostname).sort()));
    for (const v of views) expect(v).toEqual(views[0]);
    return views[0] ?? [];
  };
  /** Each of the cluster's servers is on the VLAN exactly once and behind the firewall exactly once. */
  const assignedOnce = (cluster: string) => {
    const net = world.sim.state.networks;
    const vlans = [...world.sim.state.vlans.values()].filter((v) => v.description.startsWith(`cto-cluster-${cluster} `));
    expect(vlans).toHaveLength(1);
    const firewalls = [...net.firewalls.values()].filter((f) => f.name === `cto-cluster-${cluster}`);
    expect(firewalls).toHaveLength(1);
    for (const s of serversOf(cluster)) {
      expect([...net.vlanAssignments.values()].filter((a) => a.serverId === s.id && a.vlanId === vlans[0]!.id), s.hostname).toHaveLength(1);
      expect([...net.firewallAssignments.values()].filter((a) => a.serverId === s.id && a.firewallId === firewalls[0]!.id), s.hostname).toHaveLength(1);
    }
  };

  /** The firewall's rules for the cluster's own servers, as `<ip>:<port>`, sorted. */
  const peerRules = (cluster: string) => {
    const fw = [...world.sim.state.networks.firewalls.values()].find((f) => f.name === `cto-cluster-${cluster}`)!;
    return fw.rules.filter((r) => r.description?.startsWith('cluster server ')).map((r) => `${r.from}:${r.port}`).sort();
  };
  /** What the VIP-fronted cluster's servers need from each other on public addresses: apid from every control plane. */
  const apidFromControlPlanes = (cluster: string) => serversOf(cluster).filter((s) => /-cp-\d+$/.test(s.hostname)).map((s) => `${s.ipv4}:50000`).sort();

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-ha-')), timeScale: 0.005, repoRoot });
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('applies examples/ha.yaml (3 control planes + 2 workers with a VIP); the next plan has no changes', async () => {
    const spec = await writeWorldExample(world, repoRoot, 'ha.yaml', join(world.dir, 'ha.yaml'));
    expect(readFileSync(spec, 'utf8')).toContain('vip: 10.8.0.100');
    const r = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    expect(serversOf('cto-ha').map((s) => s.hostname).sort()).toEqual(['cto-ha-cp-0', 'cto-ha-cp-1', 'cto-ha-cp-2', 'cto-ha-worker-0', 'cto-ha-worker-1']);
    expect(await etcdMembers('cto-ha')).toEqual(['cto-ha-cp-0', 'cto-ha-cp-1', 'cto-ha-cp-2']);
    assignedOnce('cto-ha');
    expect(peerRules('cto-ha')).toEqual(apidFromControlPlanes('cto-ha'));
    // ha.yaml names no interface: each node's VLAN parent was read from its links (the one without its public address).
    const talosctl = new Talosctl({ bin: world.env.CTO_TALOSCTL!, talosconfig: join(world.dir, '.cto', 'cto-ha', 'talos', 'talosconfig'), redact: (t) => t });
    const worker = serversOf('cto-ha').find((x) => x.hostname === 'cto-ha-worker-1')!;
    const docs = parseAllDocuments(await talosctl.machineConfig(worker.ipv4)).map((d) => d.toJS() as Record<string, unknown>);
    expect(docs.find((d) => d['kind'] === 'VLANConfig')).toMatchObject({ parent: 'eno2', name: expect.stringMatching(/^eno2\.\d+$/) });
    expect(await changed(spec)).toEqual([]);
    // The kubeconfig cto merged names a reachable server, not the VIP on the private network.
    expect(readFileSync(join(world.env.HOME!, '.kube', 'config'), 'utf8')).not.toContain('10.8.0.100');
  }, 900_000);

  it('grows another cluster\'s control plane from 1 to 3, etcd following at each step', async () => {
    const spec = await writeWorldSpec(world, repoRoot, { workers: 1, name: 'cto-grow', file: join(world.dir, 'grow.yaml'), privateNetwork: { subnet: '10.9.0.0/24', vip: '10.9.0.100' } });
    // Every cluster of the world shares its Kubernetes API: ha.yaml's StorageClass (2 replicas) already has the default name.
    const own = parseDocument(readFileSync(spec, 'utf8'));
    own.setIn(['spec', 'storage', 'mayastor', 'storageClassName'], 'mayastor-grow');
    own.setIn(['spec', 'storage', 'mayastor', 'default'], false);
    writeFileSync(spec, String(own));
    const first = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(first.code, first.stderr.slice(-4000)).toBe(0);
    expect(await etcdMembers('cto-grow')).toEqual(['cto-grow-cp-0']);

    const doc = parseDocument(readFileSync(spec, 'utf8'));
    doc.setIn(['spec', 'nodes', 'controlPlane', 'count'], 3);
    writeFileSync(spec, String(doc));
    const planned = await changed(spec);
    expect(planned).toEqual(expect.arrayContaining(['create server/cp-1', 'create server/cp-2', 'create network/cp-1', 'create network/cp-2', 'create talos/config/cp-2']));
    expect(planned).not.toContain('create network');
    expect(planned).toContain('update firewall/peers');
    expect(peerRules('cto-grow')).toHaveLength(1);
    const grown = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(grown.code, grown.stderr.slice(-4000)).toBe(0);
    expect(await etcdMembers('cto-grow')).toEqual(['cto-grow-cp-0', 'cto-grow-cp-1', 'cto-grow-cp-2']);
    assignedOnce('cto-grow');
    expect(peerRules('cto-grow')).toEqual(apidFromControlPlanes('cto-grow'));
    expect(peerRules('cto-grow')).toHaveLength(3);
    expect(await changed(spec)).toEqual([]);
  }, 1_200_000);

  it('refuses to renumber a live cluster without --allow-destroy', async () => {
    const spec = join(world.dir, 'grow.yaml');
    const doc = parseDocument(readFileSync(spec, 'utf8'));
    doc.setIn(['spec', 'network', 'private', 'vip'], '10.9.0.200');
    writeFileSync(spec, String(doc));
    const r = await cto(['plan', '-f', spec]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/network: destructive update refused: .*the private network changes/);
  }, 300_000);
});
