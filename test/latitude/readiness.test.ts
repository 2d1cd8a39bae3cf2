import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { LatitudeClient } from '../../src/clients/latitude/client.js';
import { waitUntilReady, type TalosAnswer } from '../../src/executors/latitude/readiness.js';
import type { ServerOutput } from '../../src/executors/latitude/reads.js';
import { startSimulator, type SimOptions, type Simulator } from '../../src/sim/index.js';
import { latitudeHooks, startTalosNodes, type TalosNodes } from '../../testenv/talos-nodes.js';
import { testenvBin } from '../../testenv/paths.js';
import { API_KEY, apply, FAST_CLIENT, harness, plan, type Harness } from './context.js';

const ipxe = 'https://pxe.factory.talos.dev/pxe/abc/v1.13.9/metal-amd64';

let sim: Simulator | undefined;
let client: LatitudeClient | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  await h?.close();
  client = sim = h = undefined;
});

async function world(opts: SimOptions) {
  sim = await startSimulator({ apiKey: API_KEY, timeScale: 0.001, rateLimits: false, ...opts });
  client = new LatitudeClient({ endpoint: sim.url, apiKey: API_KEY, project: 'cto-sim', ...FAST_CLIENT });
  const created = await client.createServer({ hostname: 'demo-cp-0', plan: 'c2-small-x86', site: 'MIA2', billing: 'hourly', ipxe });
  return { sim, client, id: created.id };
}

/** A probe that answers from a script (repeating its last answer) and records what it was asked. */
function scripted(answers: TalosAnswer[]) {
  const asked: string[] = [];
  const probe = async (ip: string) => {
    asked.push(ip);
    return answers[Math.min(asked.length - 1, answers.length - 1)]!;
  };
  return { asked, probe };
}

const base = { timeoutMs: 60_000, signal: new AbortController().signal, onStatus: () => undefined };

describe('server readiness: status `on` or the Talos API, whichever comes first', () => {
  it('is ready when Talos answers in maintenance mode while Latitude still says deploying', async () => {
    const { client, id } = await world({ ipxeStatusLagSeconds: Infinity });
    const { asked, probe } = scripted(['none', 'none', 'maintenance']);
    const ready = await waitUntilReady((i, o) => client.waitForDeploy(i, o), id, { ...base, reinstalled: false, probe });
    expect(ready.via).toBe('maintenance');
    expect(ready.server.attributes.status).toBe('deploying');
    expect(asked.length).toBe(3);
    expect(new Set(asked)).toEqual(new Set([ready.server.attributes.primary_ipv4]));
  });

  it('is ready when the status turns on first, however long Talos stays silent', async () => {
    const { client, id } = await world({});
    const { probe } = scripted(['none']);
    const ready = await waitUntilReady((i, o) => client.waitForDeploy(i, o), id, { ...base, reinstalled: false, probe });
    expect(ready).toMatchObject({ via: 'status', server: { attributes: { status: 'on' } } });
  });

  it('after a reinstall, counts a maintenance answer only once the old system went away', async () => {
    const { sim, client, id } = await world({ ipxeStatusLagSeconds: Infinity });
    await expect.poll(() => sim.state.servers.get(id)!.status).toBe('deploying');
    await client.reinstall(id, { hostname: 'demo-cp-0', ipxe });
    // The old system was still in maintenance mode: it answers until the server reboots.
    const { asked, probe } = scripted(['maintenance', 'maintenance', 'none', 'maintenance']);
    const ready = await waitUntilReady((i, o) => client.waitForDeploy(i, o), id, { ...base, reinstalled: true, staleStatus: 'deploying', probe });
    expect(ready.via).toBe('maintenance');
    expect(asked.length).toBe(4);
  });

  it('after a reinstall, never takes the old configured system for the new one', async () => {
    const { sim, client, id } = await world({ ipxeStatusLagSeconds: 300 });
    await expect.poll(() => sim.state.servers.get(id)!.status).toBe('on');
    await client.reinstall(id, { hostname: 'demo-cp-0', ipxe });
    const { asked, probe } = scripted(['configured']);
    const ready = await waitUntilReady((i, o) => client.waitForDeploy(i, o), id, { ...base, reinstalled: true, staleStatus: 'on', probe });
    expect(ready).toMatchObject({ via: 'status', server: { attributes: { status: 'on' } } });
    expect(asked.length).toBeGreaterThan(1);
  });

  it('still ends on a failed deployment', async () => {
    const { client, id } = await world({ faults: { failDeployRate: 1 } });
    const { probe } = scripted(['none']);
    const err = await waitUntilReady((i, o) => client.waitForDeploy(i, o), id, { ...base, reinstalled: false, probe, stepId: 'server/cp-0' }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/ended in status failed_deployment/);
  });
});

describe('server step with iPXE servers whose status stays deploying (real talosctl, simulated Talos nodes)', () => {
  let nodes: TalosNodes;
  beforeAll(async () => {
    nodes = await startTalosNodes({ kubeconfigPath: inject('kubeconfigPath'), timeScale: 0.01 });
  });
  afterAll(async () => nodes?.stop());

  it('finishes when Talos answers in maintenance mode, and the next plan has nothing to do', async () => {
    h = await harness({
      spec: { workers: 1 },
      sim: { ipxeStatusLagSeconds: Infinity, ...latitudeHooks(nodes) },
      env: { CTO_TALOSCTL: testenvBin('talosctl') },
      // Without the Talos probe the wait would end here, with "still deploying".
      client: { deployTimeoutMs: 30_000 },
    });
    const run = h.run();
    await apply(run, h.steps, 1);
    for (const node of ['cp-0', 'worker-0']) {
      const out = run.outputs.get(`server/${node}`) as ServerOutput;
      expect(out).toMatchObject({ hostname: `demo-${node}`, status: 'deploying', talos: 'maintenance' });
      expect(out.ipv4).toMatch(/^127\.0\.10\.\d+$/);
    }
    expect([...h.sim.state.servers.values()].map((s) => s.status)).toEqual(['deploying', 'deploying']);
    expect(run.progress.some((p) => /^server\/cp-0: Talos answers at 127\.0\.10\.\d+ \(maintenance\) while Latitude says deploying$/.test(p))).toBe(true);

    const again = await plan(h.run(), h.steps);
    for (const [id, c] of again) expect(c.action, `${id}: ${c.reason}`).toBe('noop');
    expect(again.get('server/cp-0')!.reason).toMatch(/is deploying in Latitude but already runs Talos \(maintenance\) at MIA2/);
  });
});
