import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import type { RunContext } from '../../src/executors/context.js';
import { execute } from '../../src/engine/execute.js';
import { TALOSCONFIG_FILE } from '../../src/state/files.js';
import { compile } from '../../src/planner/compile.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import type { PlannedStep } from '../../src/planner/planned-step.js';
import type { Step } from '../../src/planner/step.js';
import type { WalkEvent } from '../../src/executors/walk/walker.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { loadExample } from '../support/specs.js';
import { bootNodes, runWithServers, useSimFleet } from './sim-cluster.js';
import { talosctlBin } from './support.js';

const talos = useSimFleet(0.01);
let block = 180;

/** A talosctl that logs each spawn's arguments to a file of its own before running the real one. */
async function countingTalosctl(): Promise<{ bin: string; spawns(): Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cto-talosctl-count-'));
  const log = join(dir, 'spawns');
  await writeFile(log, '');
  const bin = join(dir, 'talosctl');
  await writeFile(bin, `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(talosctlBin())} "$@"\n`);
  await chmod(bin, 0o755);
  return { bin, spawns: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

/** The Talos phase of a 1 + `workers` cluster whose servers are booted simulated nodes (see talos-phase.test.ts). */
async function cluster(workers: number) {
  const name = `oc-${randomBytes(3).toString('hex')}`;
  const spec: Cluster = loadExample('two-node.yaml', (t) => t.replace('name: cto-prod', `name: ${name}`).replace('workers: { count: 1,', `workers: { count: ${workers},`)).cluster;
  const addresses = await bootNodes(talos.sim, spec, block++);
  const phase = compile(spec).steps.filter((s) => s.phase === 'talos');
  const ids = new Set(phase.map((s) => s.id));
  const steps: Step[] = phase.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => ids.has(d)) }));
  const counter = await countingTalosctl();
  let base: RunContext | undefined;
  const plan = async () => {
    const run = runWithServers(spec, addresses, base);
    run.services.env.CTO_TALOSCTL = counter.bin;
    base ??= run;
    const before = (await counter.spawns()).length;
    const planned = await observeAndDiff(steps, talos.kinds, run, { parallelism: 8 });
    return { run, planned, spawns: (await counter.spawns()).slice(before) };
  };
  const apply = async (p: { run: RunContext; planned: PlannedStep[] }, parallelism = 8, onEvent?: (e: WalkEvent) => void) => {
    const results = await execute(p.planned, talos.kinds, p.run, { parallelism, allowDestroy: false, ...(onEvent ? { onEvent } : {}) });
    expect([...results.values()].filter((r) => r.status !== 'done').map((r) => `${r.id}: ${(r.error as Error | undefined)?.message}`)).toEqual([]);
  };
  return { spec, addresses, plan, apply, state: () => base!.services.state };
}

const changes = (planned: PlannedStep[]) => planned.filter((p) => p.change.action !== 'noop').map((p) => `${p.step.id}: ${p.change.reason}`);

describe('Talos at scale: observation cost, waiting without a slot', () => {
  it('a no-op plan spawns no more talosctl processes for 1 + 4 nodes than for 1 + 1, and still sees a config changed on a node', async () => {
    const small = await cluster(1);
    const large = await cluster(4);
    const counts: number[] = [];
    const versionCounts: number[] = [];
    for (const c of [small, large]) {
      await c.apply(await c.plan());
      const again = await c.plan();
      expect(changes(again.planned)).toEqual([]);
      // Many nodes per process (`-n ip1,ip2,… -e <control plane>`), no maintenance-mode probe first, no config rendered.
      expect(again.spawns.filter((a) => a.includes('--insecure'))).toEqual([]);
      expect(again.spawns.filter((a) => a.startsWith('gen config'))).toEqual([]);
      // The upgrade steps' `talosctl version` of each node is one read of them all too (`-n ip1,ip2,… version`).
      const versionReads = again.spawns.filter((a) => / version$/.test(a));
      const nodesOf = (a: string) => new Set(a.split(' ')[a.split(' ').indexOf('-n') + 1]?.split(','));
      const ofEveryNode = versionReads.filter((a) => [...c.addresses.values()].every((ip) => nodesOf(a).has(ip)));
      expect(ofEveryNode, versionReads.join('\n')).not.toEqual([]);
      versionCounts.push(versionReads.length);
      counts.push(again.spawns.length);
    }
    // Reads of one moment share one process; a step that asks a moment later may start another round,
    // so allow a round or two of slack, far below the four processes per node it cost before.
    expect(counts[1]! - counts[0]!).toBeLessThanOrEqual(2);
    expect(versionCounts[1]! - versionCounts[0]!).toBeLessThanOrEqual(1);

    // Someone changes the worker's running config by hand: the recorded digest no longer matches, so
    // the plan renders and diffs it, and shows the field.
    const worker = large.addresses.get('worker-2')!;
    const talosctl = new Talosctl({ bin: talosctlBin(), talosconfig: large.state().path(TALOSCONFIG_FILE), redact: (t) => t });
    const running = await talosctl.machineConfig(worker);
    const hugepages = /vm\.nr_hugepages: "?1024"?/;
    expect(running).toMatch(hugepages);
    await talosctl.applyConfig(worker, running.replace(hugepages, 'vm.nr_hugepages: "512"'), 'auto');
    const drifted = await large.plan();
    const change = drifted.planned.find((p) => p.step.id === 'talos/config/worker-2')!.change;
    expect(change).toMatchObject({ action: 'update', fields: [{ path: 'machine.sysctls.vm.nr_hugepages', before: '512', after: '1024' }] });
    expect(changes(drifted.planned).filter((c) => !c.startsWith('talos/config/worker-2'))).toEqual([]);
  });

  it('with --parallelism 1 the nodes still install side by side: waiting for a node holds no slot', async () => {
    const c = await cluster(2);
    const events: WalkEvent[] = [];
    await c.apply(await c.plan(), 1, (e) => events.push(e));
    const at = (type: string, id: string) => events.find((e) => e.type === type && e.id === id)!.at;
    const configs = ['talos/config/cp-0', 'talos/config/worker-0', 'talos/config/worker-1'];
    // Each config step starts before the one before it finished: only possible when the waiting step gave its slot back.
    for (const [before, next] of [[configs[0]!, configs[1]!], [configs[1]!, configs[2]!]]) {
      expect(at('started', next!), `${next} starts while ${before} waits`).toBeLessThan(at('finished', before!));
    }
  });
});
