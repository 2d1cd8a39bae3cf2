import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { memberAddress, parseEtcdMembers } from '../../src/clients/talos/etcd-members.js';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import type { RunContext } from '../../src/executors/context.js';
import { memberTalosAddress, membershipOf, onPrivateNetwork, quorumAfterLeave } from '../../src/executors/talos/etcd-leave.js';
import { testContext } from '../platform/context.js';
import { execute } from '../../src/engine/execute.js';
import { compile } from '../../src/planner/compile.js';
import { clusterNodes, retiredNodes } from '../../src/planner/nodes.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import type { PlannedStep } from '../../src/planner/planned-step.js';
import type { Step } from '../../src/planner/step.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { loadExample } from '../support/specs.js';
import { bootNodes, runWithServers, useSimFleet } from './sim-cluster.js';
import { talosctlBin } from './support.js';
import { TALOSCONFIG_FILE } from '../../src/state/files.js';

/** Real Talos timings × this: install ~1.8 s, reset ~0.3 s. */
const TIME_SCALE = 0.01;

const talos = useSimFleet(TIME_SCALE);
let subnet = 0;

interface Ha {
  name: string;
  spec: Cluster;
  addresses: Map<string, string>;
  /** The run that built it: its state folder holds the talosconfig. */
  run: RunContext;
  talosctl: Talosctl;
}

const withControlPlanes = (name: string, count: number) =>
  loadExample('two-node.yaml', (t) => t.replace('name: cto-prod', `name: ${name}`).replace('controlPlane: { count: 1', `controlPlane: { count: ${count}`)).cluster;

async function applyAll(planned: PlannedStep[], run: RunContext) {
  const results = await execute(planned, talos.kinds, run, { parallelism: 8, allowDestroy: true });
  const failed = [...results.values()].filter((r) => r.status !== 'done');
  expect(failed.map((r) => `${r.id}: ${r.status} ${(r.error as Error | undefined)?.message ?? ''}`)).toEqual([]);
}

/** `count` control planes (and a worker) configured and bootstrapped through cto's own Talos steps. */
async function bringUp(count = 3): Promise<Ha> {
  const name = `el-${randomBytes(3).toString('hex')}`;
  const spec = withControlPlanes(name, count);
  const addresses = await bootNodes(talos.sim, spec, 150 + subnet++);
  const steps = compile(spec)
    .steps.filter((s) => s.id === 'talos/secrets' || s.id === 'talos/bootstrap' || s.id.startsWith('talos/config/'))
    .map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => !d.startsWith('server/') && !d.startsWith('network/')) }));
  const run = runWithServers(spec, addresses);
  await applyAll(await observeAndDiff(steps, talos.kinds, run, { parallelism: 8 }), run);
  const talosctl = new Talosctl({ bin: talosctlBin(), talosconfig: run.services.state.path(TALOSCONFIG_FILE), redact: (t) => t });
  const ha = { name, spec, addresses, run, talosctl };
  await vi.waitFor(async () => expect(await memberNames(ha)).toEqual(Array.from({ length: count }, (_, i) => `${name}-cp-${i}`)), { timeout: 10_000, interval: 200 });
  return ha;
}

async function memberNames(ha: Ha): Promise<string[]> {
  return (await ha.talosctl.etcdMembers(ha.addresses.get('cp-0')!)).map((m) => m.hostname).sort();
}

/** The scale-in 3 → `count`: the `talos.reset` steps the compiled teardown holds, for the nodes asked. */
function resetSteps(ha: Ha, nodes: string[], count: number): { spec: Cluster; steps: Step[] } {
  const spec = withControlPlanes(ha.name, count);
  const retired = retiredNodes(spec, clusterNodes(ha.spec).map((n) => n.hostname));
  const steps = compile(spec, { retired })
    .steps.filter((s) => s.kind === 'talos.reset' && nodes.includes(s.node!))
    .map((s) => ({ ...s, dependsOn: [] }));
  expect(steps.map((s) => s.id).sort()).toEqual(nodes.map((n) => `talos/config/${n}`).sort());
  return { spec, steps };
}

async function planResets(ha: Ha, nodes: string[], count = 1) {
  const { spec, steps } = resetSteps(ha, nodes, count);
  const run = runWithServers(spec, ha.addresses, ha.run);
  return { run, planned: await observeAndDiff(steps, talos.kinds, run, { parallelism: 8 }) };
}

const changeOf = (planned: PlannedStep[], node: string) => planned.find((p) => p.step.id === `talos/config/${node}`)!.change;
const simNode = async (address: string) => (await talos.sim.nodes()).find((n) => n.address === address)!;
/**
 * The reset step is done once the node stops answering (a real `reset --reboot=false` halts it); the
 * simulated node then finishes its wipe and comes back in maintenance mode.
 */
const wiped = (address: string) => vi.waitFor(async () => expect((await simNode(address)).mode).toBe('maintenance'), { timeout: 10_000, interval: 100 });

// Each case brings up a cluster of its own (name, address block): side by side, the file waits out its nodes once
// (its waits are vi.waitFor: expect.poll wants the test's own expect there).
describe.concurrent('control-plane scale-in leaves etcd (simulated Talos nodes, real talosctl)', () => {
  it('3 → 1: cp-2 and cp-1 leave etcd before their reset, cp-0 keeps a one-member etcd; a re-plan is a no-op', async () => {
    const ha = await bringUp();
    const first = await planResets(ha, ['cp-1', 'cp-2']);
    for (const node of ['cp-1', 'cp-2']) {
      expect(changeOf(first.planned, node)).toMatchObject({ action: 'delete', destructive: true, notes: ['leaves etcd before the wipe (3 → 1 members once every retired control plane has left)'] });
    }
    await applyAll(first.planned, first.run);

    expect(await memberNames(ha)).toEqual([`${ha.name}-cp-0`]);
    for (const node of ['cp-1', 'cp-2']) await wiped(ha.addresses.get(node)!);
    expect(await simNode(ha.addresses.get('cp-0')!)).toMatchObject({ etcdRunning: true });

    const again = await planResets(ha, ['cp-1', 'cp-2']);
    expect(again.planned.map((p) => p.change)).toMatchObject([
      { action: 'noop', reason: 'already reset (maintenance mode)' },
      { action: 'noop', reason: 'already reset (maintenance mode)' },
    ]);
  });

  it('the old non-graceful reset leaves a member behind; cto removes it, and cp-1 leaves after it', async () => {
    const ha = await bringUp();
    const [cp1, cp2] = [ha.addresses.get('cp-1')!, ha.addresses.get('cp-2')!];

    // What the step used to do: `talosctl reset --graceful=false --reboot=false`, nothing else.
    await ha.talosctl.reset(cp2);
    await wiped(cp2);
    expect(await memberNames(ha)).toEqual([`${ha.name}-cp-0`, `${ha.name}-cp-1`, `${ha.name}-cp-2`]);

    // cto's plan sees the member cp-2 left behind; cp-1 leaves before its wipe.
    const plan = await planResets(ha, ['cp-1', 'cp-2']);
    expect(changeOf(plan.planned, 'cp-2')).toMatchObject({ action: 'delete', reason: expect.stringMatching(new RegExp(`^remove ${ha.name}-cp-2's etcd member [0-9a-f]{16}, left behind by an earlier reset$`)) });
    expect(changeOf(plan.planned, 'cp-1').notes).toEqual(['leaves etcd before the wipe (3 → 1 members once every retired control plane has left)']);
    await applyAll(plan.planned, plan.run);
    expect(await memberNames(ha)).toEqual([`${ha.name}-cp-0`]);
    await wiped(cp1);
    // Whichever step ran first, cp-2's member (down, leaving the spec) went before cp-1 left.
    const journal = (await ha.run.services.state.read('journal.jsonl'))!.toString().trim().split('\n').map((l) => JSON.parse(l) as { op: string; action?: string; details?: { hostname: string } });
    expect(journal.filter((r) => r.op === 'begin' && r.action!.startsWith('etcd-')).map((r) => `${r.action} ${r.details!.hostname}`)).toEqual([`etcd-remove-member ${ha.name}-cp-2`, `etcd-leave ${ha.name}-cp-1`]);
  });

  it('the old path to the end loses quorum: two wiped members of three, no leader; cto says so instead of "already reset"', async () => {
    const old = await bringUp();
    for (const node of ['cp-2', 'cp-1']) {
      const ip = old.addresses.get(node)!;
      await old.talosctl.reset(ip);
      await wiped(ip);
    }
    await expect(old.talosctl.etcdMembers(old.addresses.get('cp-0')!)).rejects.toMatchObject({ code: 'Unknown', message: expect.stringContaining('etcdserver: no leader') });

    const late = await planResets(old, ['cp-1']);
    expect(changeOf(late.planned, 'cp-1')).toMatchObject({ action: 'delete', reason: expect.stringMatching(/is reset; whether it is still an etcd member is unknown \(.*etcdserver: no leader/) });
    const failed = (await execute(late.planned, talos.kinds, late.run, { parallelism: 8, allowDestroy: true })).get('talos/config/cp-1')!;
    expect((failed.error as { diagnostics: { message: string }[] }).diagnostics[0]!.message).toMatch(/^talos\/config\/cp-1: etcd on cp-0 \(127\.0\.\d+\.1\) has no leader: the cluster already lost quorum/);
  });

  it('a re-run after a crash between leave and reset does not leave twice; the wipe still happens', async () => {
    const ha = await bringUp();
    const cp2 = ha.addresses.get('cp-2')!;
    // The crashed run got this far: cp-2 left etcd, its disks were never wiped.
    await ha.talosctl.etcdLeave(cp2);
    expect(await ha.talosctl.serviceState(cp2, 'etcd')).toBe('Finished');
    // Leaving again is an error on Talos: the step must not ask.
    await expect(ha.talosctl.etcdLeave(cp2)).rejects.toMatchObject({ message: expect.stringContaining('failed to get local etcd member ID') });

    const plan = await planResets(ha, ['cp-2']);
    expect(changeOf(plan.planned, 'cp-2')).toMatchObject({ action: 'delete', notes: ['not an etcd member (already left): nothing to leave'] });
    await applyAll(plan.planned, plan.run);
    await wiped(cp2);
    expect(await memberNames(ha)).toEqual([`${ha.name}-cp-0`, `${ha.name}-cp-1`]);
  });

  it('refuses to leave when the members left running would not be a quorum, and to retire cp-0', async () => {
    const ha = await bringUp(5);
    // 5 → 3 while cp-1 and cp-2 (which stay) are powered off: without cp-4, 2 of the 4 members left would run.
    for (const node of ['cp-1', 'cp-2']) await talos.sim.remove(ha.addresses.get(node)!);
    const plan = await planResets(ha, ['cp-4'], 3);
    const results = await execute(plan.planned, talos.kinds, plan.run, { parallelism: 8, allowDestroy: true });
    const result = results.get('talos/config/cp-4')!;
    expect(result.status).toBe('failed');
    const d = (result.error as { diagnostics: { message: string; hint?: string }[] }).diagnostics[0]!;
    expect(d.message).toMatch(
      new RegExp(`^talos/config/cp-4: ${ha.name}-cp-4 cannot leave etcd: 2 of the 4 members that would remain run etcd and 3 are needed for quorum \\(not running: ${ha.name}-cp-1 [0-9a-f]{16}, ${ha.name}-cp-2 [0-9a-f]{16}\\)$`),
    );
    expect(d.hint).toMatch(/etcd remove-member <id>/);
    expect(await memberNames(ha)).toHaveLength(5);
    expect(await simNode(ha.addresses.get('cp-4')!)).toMatchObject({ mode: 'configured', etcdRunning: true });

    // cp-0 never goes through a scale-in: a step that would retire it is refused before anything is asked.
    const cp0: Step = { id: 'talos/config/cp-0', kind: 'talos.reset', phase: 'talos', dependsOn: [], node: 'cp-0', desired: { node: 'cp-0', hostname: `${ha.name}-cp-0`, role: 'controlplane', storage: false, retire: true } };
    const err = await observeAndDiff([cp0], talos.kinds, runWithServers(withControlPlanes(ha.name, 1), ha.addresses, ha.run), { parallelism: 1 }).catch((e: unknown) => e);
    expect((err as { diagnostics: { message: string; hint?: string }[] }).diagnostics[0]).toMatchObject({
      message: 'talos/config/cp-0: refusing to retire cp-0, the control plane that bootstrapped etcd',
      hint: expect.stringContaining('cto destroy'),
    });
  });
});

describe('etcd membership, pure', () => {
  it('reads talosctl etcd members as it prints them, with and without the NODE column', () => {
    const out = [
      'NODE          ID                 HOSTNAME     PEER URLS                   CLIENT URLS                 LEARNER',
      '127.0.10.1    3e1c2e0b1a2f4d5c   c-cp-0       https://127.0.10.1:2380     https://127.0.10.1:2379     false',
      '127.0.10.1    00000000000000ff   c-cp-1       https://[fd00::2]:2380      https://[fd00::2]:2379      true',
      '',
    ].join('\n');
    const members = parseEtcdMembers(out);
    expect(members).toEqual([
      { id: '3e1c2e0b1a2f4d5c', hostname: 'c-cp-0', peerUrls: ['https://127.0.10.1:2380'], clientUrls: ['https://127.0.10.1:2379'], learner: false },
      { id: '00000000000000ff', hostname: 'c-cp-1', peerUrls: ['https://[fd00::2]:2380'], clientUrls: ['https://[fd00::2]:2379'], learner: true },
    ]);
    expect(members.map(memberAddress)).toEqual(['127.0.10.1', 'fd00::2']);
    expect(parseEtcdMembers('ID   HOSTNAME   PEER URLS   CLIENT URLS   LEARNER\nab   h   https://1.2.3.4:2380   https://1.2.3.4:2379   false\n')[0]).toMatchObject({ id: 'ab', hostname: 'h' });
    expect(() => parseEtcdMembers('MEMBERS\nx\n')).toThrow(/unexpected header/);
  });

  it("reaches a member advertised on the private network at its server's public address (cto is not on the VLAN)", async () => {
    const ha = loadExample('ha.yaml').cluster;
    const ctx = testContext(ha, undefined, { env: { LATITUDE_API_KEY: 'k', LATITUDE_PROJECT_ID: 'p' } });
    // The cluster's servers as `clusterServers` lists them, read once per run.
    await ctx.cache.once(`latitude:servers:of:${ha.metadata.name}`, async () => [{ hostname: 'cto-ha-cp-1', ipv4: '198.51.100.11' }]);
    const member = (hostname: string, ip: string) => ({ id: hostname, hostname, peerUrls: [`https://${ip}:2380`], clientUrls: [], learner: false });
    expect(onPrivateNetwork(ha, '10.8.0.2')).toBe(true);
    expect(onPrivateNetwork(ha, '198.51.100.11')).toBe(false);
    expect(await memberTalosAddress(ctx, member('cto-ha-cp-1', '10.8.0.2'))).toBe('198.51.100.11');
    expect(await memberTalosAddress(ctx, member('cto-ha-cp-9', '10.8.0.10'))).toBeUndefined();
    expect(await memberTalosAddress(ctx, member('cto-ha-cp-2', '198.51.100.12'))).toBe('198.51.100.12');
    const plain = testContext(loadExample('auto-region.yaml').cluster, undefined);
    expect(await memberTalosAddress(plain, member('x-cp-1', '10.8.0.2'))).toBe('10.8.0.2');
  });

  it('counts what remains and etcd’s quorum rule', () => {
    const m = (hostname: string) => ({ id: hostname, hostname, peerUrls: [], clientUrls: [], learner: false });
    expect(membershipOf([m('a'), m('b'), m('c')], 'c', new Set(['a']))).toEqual({ member: 'c', members: 3, remain: 1 });
    expect(membershipOf([m('a')], 'c', new Set(['a']))).toEqual({ members: 1, remain: 1 });
    expect(quorumAfterLeave([{ hostname: 'a', running: true }])).toEqual({ ok: true, running: 1, needed: 1 });
    expect(quorumAfterLeave([{ hostname: 'a', running: true }, { hostname: 'b', running: false }])).toEqual({ ok: false, running: 1, needed: 2 });
    expect(quorumAfterLeave([{ hostname: 'a', running: true }, { hostname: 'b', running: true }, { hostname: 'c', running: false }])).toMatchObject({ ok: true });
  });
});
