import { setTimeout } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { apply, harness, kindOf, plan, type Harness, type Run } from './context.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const serversOf = (h: Harness) => [...h.sim.state.servers.values()];

describe('latitude.server against the simulator', () => {
  it('creates one iPXE server per node, tagged, and a second plan is all no-ops', async () => {
    // cp-0's deploy finishes only once its step has reported it deploying: at a 1000× time scale the
    // whole deploy is 0.6 s, which a loaded machine can spend before the watch's first list.
    let run: Run | undefined;
    const reported = () => run?.progress.includes('server/cp-0: deploying') ?? false;
    h = await harness({
      sim: {
        onServerDeployed: async (s) => {
          while (s.hostname === 'demo-cp-0' && !reported()) await setTimeout(10);
        },
      },
    });
    run = h.run();
    const changes = await apply(run, h.steps);
    expect(changes.get('region')).toMatchObject({ action: 'noop', reason: 'MIA2: first fallback site with c2-small-x86 ×3 in stock' });
    expect(changes.get('server/cp-0')).toMatchObject({ action: 'create', reason: 'server does not exist' });
    expect(changes.get('server/cp-0')!.fields).toContainEqual({ path: 'site', after: 'MIA2' });

    const servers = serversOf(h);
    expect(servers.map((s) => s.hostname).sort()).toEqual(['demo-cp-0', 'demo-worker-0', 'demo-worker-1']);
    for (const s of servers) {
      expect(s.status).toBe('on');
      expect(s.site.slug).toBe('MIA2');
      expect(s.os).toBe('ipxe');
      expect(s.ipxe).toContain('https://pxe.factory.talos.dev/pxe/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba/v1.13.9/metal-${buildarch}');
      expect(s.ipxe!.startsWith('#!ipxe\n')).toBe(true);
      const tags = s.tagIds.map((id) => h!.sim.state.tags.get(id)!.name);
      expect(tags).toContain('cto-cluster-demo');
      expect(tags).toContain(s.hostname.includes('cp') ? 'cto-role-controlplane' : 'cto-role-worker');
    }
    const out = run.outputs.get('server/worker-1') as Record<string, unknown>;
    expect(out).toMatchObject({ hostname: 'demo-worker-1', status: 'on', site: 'MIA2', plan: 'c2-small-x86' });
    expect(out['ipv4']).toMatch(/^127\.0\.10\.\d+$/);
    expect(run.progress).toContain('server/cp-0: deploying');
    expect([...new Set(run.released)].sort()).toEqual(['server/cp-0', 'server/worker-0', 'server/worker-1']);

    // Exactly one tag per name, although three steps needed them at once.
    expect([...h.sim.state.tags.values()].map((t) => t.name).sort()).toEqual([
      'cto-cluster-demo',
      'cto-image-v1.13.9-376567988ad3',
      'cto-role-controlplane',
      'cto-role-worker',
    ]);

    const again = await plan(h.run(), h.steps);
    for (const [id, c] of again) expect(c.action, `${id}: ${c.reason}`).toBe('noop');
    expect(again.get('region')!.reason).toBe("MIA2: where the cluster's 3 servers are");
  });

  it('observes all servers with one list call shared by every step', async () => {
    h = await harness({ spec: { workers: 5 } });
    await apply(h.run(), h.steps);
    h.sim.state.calls.clear();
    await plan(h.run(), h.steps);
    expect(Object.fromEntries(h.sim.state.calls)).toEqual({ 'GET /servers': 1, 'GET /plans': 1, 'GET /plans/operating_systems': 1 });
  });

  it('plans to create a server again when it was deleted behind its back', async () => {
    h = await harness();
    await apply(h.run(), h.steps);
    const victim = serversOf(h).find((s) => s.hostname === 'demo-worker-0')!;
    h.sim.state.deleteServer(victim.id);
    const changes = await plan(h.run(), h.steps);
    expect(changes.get('server/worker-0')).toMatchObject({ action: 'create', reason: 'server does not exist' });
    expect(changes.get('server/worker-1')!.action).toBe('noop');
    await apply(h.run(), h.steps);
    expect(serversOf(h).filter((s) => s.hostname === 'demo-worker-0')).toHaveLength(1);
  });

  it('never touches servers of another cluster or of nobody', async () => {
    h = await harness();
    const foreign = h.sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ubuntu_24_04_x64_lts', hostname: 'other-cp-0' });
    const lookalike = h.sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'DAL', operating_system: 'ubuntu_24_04_x64_lts', hostname: 'demos-cp-0' });
    await apply(h.run(), h.steps);
    expect(h.sim.state.servers.get(foreign.id)).toMatchObject({ hostname: 'other-cp-0', tagIds: [] });
    expect(h.sim.state.servers.get(lookalike.id)).toMatchObject({ hostname: 'demos-cp-0', tagIds: [] });
    expect(serversOf(h)).toHaveLength(5);
  });

  it('leaves a same-named server of another cluster alone, even when the POST answer is lost', async () => {
    h = await harness({ spec: { workers: 1 }, sim: { faults: { dropAfterCommitRate: 1 } } });
    const tag = h.sim.state.createTag({ name: 'cto-cluster-other' });
    const theirs = h.sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ipxe', hostname: 'demo-cp-0', ipxe: 'https://x.invalid/a' });
    h.sim.state.updateServer(theirs.id, { tags: [tag.id] });
    await apply(h.run(), h.steps);
    const named = serversOf(h).filter((s) => s.hostname === 'demo-cp-0');
    expect(named).toHaveLength(2);
    expect(h.sim.state.servers.get(theirs.id)!.tagIds).toEqual([tag.id]);
    expect(h.sim.state.answers.get(0)).toBe(2);
  });

  it('adopts an existing server with the expected hostname and adds its tags', async () => {
    h = await harness();
    const existing = h.sim.state.createServer({
      project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ipxe', hostname: 'demo-cp-0', ipxe: 'https://example.invalid/boot.ipxe',
    });
    await setTimeout(700);
    const changes = await apply(h.run(), h.steps);
    expect(changes.get('server/cp-0')!.action).toBe('update');
    expect(changes.get('server/cp-0')!.reason).toMatch(new RegExp(`^adopt existing server ${existing.id} \\(demo-cp-0\\) \\(adds tags cto-cluster-demo, cto-role-controlplane, cto-image-v1.13.9-376567988ad3\\)$`));
    expect(changes.get('server/cp-0')!.destructive).toBeUndefined();
    expect(serversOf(h)).toHaveLength(3);
    expect(h.sim.state.servers.get(existing.id)!.reinstalls).toBe(0);
    expect((await plan(h.run(), h.steps)).get('server/cp-0')!.action).toBe('noop');
  });

  it('upgrades billing in place without touching the machine', async () => {
    h = await harness({ spec: { workers: 1 } });
    await apply(h.run(), h.steps);
    for (const s of h.steps.filter((s) => s.kind === 'latitude.server')) s.desired = { ...(s.desired as object), billing: 'monthly' };
    const changes = await apply(h.run(), h.steps);
    expect(changes.get('server/cp-0')).toMatchObject({ action: 'update', reason: expect.stringMatching(/billing hourly → monthly$/) });
    expect(changes.get('server/cp-0')!.destructive).toBeUndefined();
    expect(serversOf(h).map((s) => [s.billing, s.reinstalls])).toEqual([['monthly', 0], ['monthly', 0]]);
    for (const [, c] of await plan(h.run(), h.steps)) expect(c.action).toBe('noop');
  });

  it('marks a plan change as a destructive replace and carries it out', async () => {
    h = await harness();
    await apply(h.run(), h.steps);
    const before = serversOf(h).find((s) => s.hostname === 'demo-worker-0')!;
    h.steps.find((s) => s.id === 'server/worker-0')!.desired = {
      ...(h.steps.find((s) => s.id === 'server/worker-0')!.desired as object),
      plan: 'c3-small-x86',
    };
    const changes = await apply(h.run(), h.steps);
    const c = changes.get('server/worker-0')!;
    expect(c).toMatchObject({ action: 'replace', destructive: true });
    expect(c.fields).toEqual([{ path: 'plan', before: 'c2-small-x86', after: 'c3-small-x86' }]);
    expect(h.sim.state.servers.has(before.id)).toBe(false);
    const after = serversOf(h).filter((s) => s.hostname === 'demo-worker-0');
    expect(after).toHaveLength(1);
    expect(after[0]!.plan.slug).toBe('c3-small-x86');
  });

  it('refuses to carry out a destructive change the plan did not show', async () => {
    h = await harness();
    await apply(h.run(), h.steps);
    const step = h.steps.find((s) => s.id === 'server/worker-1')!;
    const run = h.run();
    await plan(run, h.steps);
    step.desired = { ...(step.desired as object), plan: 'c3-small-x86' };
    const err = await kindOf(step).apply(step, { action: 'noop', fields: [], reason: 'up to date' }, run.ctx(step.id)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]!.message).toMatch(/changed since the plan/);
    expect(serversOf(h)).toHaveLength(3);
  });

  it('reinstalls with the new iPXE script when the Talos version changes', async () => {
    h = await harness();
    await apply(h.run(), h.steps);
    for (const s of h.steps.filter((s) => s.kind === 'latitude.server')) s.desired = { ...(s.desired as object), talosVersion: 'v1.14.0' };
    const changes = await apply(h.run(), h.steps);
    const c = changes.get('server/cp-0')!;
    expect(c).toMatchObject({ action: 'update', destructive: true });
    expect(c.fields).toEqual([{ path: 'talos.image', before: 'v1.13.9-376567988ad3', after: 'v1.14.0-376567988ad3' }]);
    for (const s of serversOf(h)) {
      expect(s.reinstalls).toBe(1);
      expect(s.status).toBe('on');
      expect(s.ipxe).toContain('/v1.14.0/metal-');
    }
    expect(serversOf(h)).toHaveLength(3);
    for (const [, c2] of await plan(h.run(), h.steps)) expect(c2.action).toBe('noop');
  });

  it('reports a locked server (423) once, without retrying it forever', async () => {
    h = await harness();
    await apply(h.run(), h.steps);
    const cp = serversOf(h).find((s) => s.hostname === 'demo-cp-0')!;
    h.sim.state.setLocked(cp.id, true);
    for (const s of h.steps.filter((s) => s.kind === 'latitude.server')) s.desired = { ...(s.desired as object), talosVersion: 'v1.14.0' };
    h.sim.state.calls.clear();
    const err = await apply(h.run(), h.steps.filter((s) => s.id === 'region' || s.id === 'server/cp-0')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    const d = (err as CtoError).diagnostics[0]!;
    expect(d.message).toMatch(/423.*Locked Server: Server is locked/);
    expect(d.hint).toMatch(/unlock/);
    expect(h.sim.state.calls.get('POST /servers/:id/reinstall')).toBe(1);
    expect(cp.reinstalls).toBe(0);
  });

  it('reports a failed deployment with what to do', async () => {
    h = await harness({ sim: { faults: { failDeployRate: 1 } }, spec: { workers: 0 } });
    const err = await apply(h.run(), h.steps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    const d = (err as CtoError).diagnostics[0]!;
    expect(d).toMatchObject({ stepId: 'server/cp-0' });
    expect(d.message).toMatch(/demo-cp-0 \(sv_\w+\) ended in status failed_deployment/);
    expect(d.hint).toMatch(/reinstall/);
    const again = await plan(h.run(), h.steps);
    expect(again.get('server/cp-0')).toMatchObject({ action: 'update', destructive: true });
    expect(again.get('server/cp-0')!.reason).toMatch(/deployment ended in failed_deployment: reinstall/);
  });

  it('recovers a create interrupted after the POST from its journal intent, without a twin', async () => {
    h = await harness({ spec: { workers: 0 } });
    const run = h.run();
    await plan(run, h.steps);
    // A previous run wrote its intent and the POST went through, then the process died.
    await h.journal.begin('server/cp-0', 'create', { hostname: 'demo-cp-0' });
    h.sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ipxe', hostname: 'demo-cp-0', ipxe: 'https://x.invalid/a' });
    expect(await h.journal.pending('server/cp-0')).toHaveLength(1);
    const step = h.steps.find((s) => s.id === 'server/cp-0')!;
    await kindOf(step).apply(step, { action: 'create', fields: [], reason: 'server does not exist' }, run.ctx(step.id));
    expect(serversOf(h)).toHaveLength(1);
    expect(await h.journal.pending('server/cp-0')).toEqual([]);
  });

  it('deleteServer removes one server and tolerates one already gone', async () => {
    h = await harness({ spec: { workers: 1 } });
    const run = h.run();
    await apply(run, h.steps);
    const { deleteServer } = await import('../../src/executors/latitude/client.js');
    const id = (run.outputs.get('server/worker-0') as { id: string }).id;
    await deleteServer(run.ctx(), id);
    await deleteServer(run.ctx(), id);
    expect(serversOf(h).map((s) => s.hostname)).toEqual(['demo-cp-0']);
  });
});
