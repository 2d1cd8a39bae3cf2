import { afterEach, describe, expect, it } from 'vitest';
import { LatitudeClient } from '../../src/clients/latitude/client.js';
import { LatitudeApiError, LatitudeNetworkError } from '../../src/clients/latitude/errors.js';
import { latitudeClient } from '../../src/executors/latitude/client.js';
import { createReadCache } from '../../src/executors/cache.js';
import { SecretSet } from '../../src/spec/secrets.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { startSimulator, type SimOptions, type Simulator } from '../../src/sim/index.js';
import { API_KEY, apply, clusterSpec, harness, plan, type Harness } from './context.js';

let h: Harness | undefined;
let sim: Simulator | undefined;
const clients: LatitudeClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await h?.close();
  await sim?.close();
  h = undefined;
  sim = undefined;
});

async function direct(simOpts: SimOptions = {}, clientOpts: Partial<ConstructorParameters<typeof LatitudeClient>[0]> = {}) {
  sim = await startSimulator({ apiKey: API_KEY, timeScale: 0.001, rateLimits: false, ...simOpts });
  const client = new LatitudeClient({
    endpoint: sim.url,
    apiKey: API_KEY,
    project: 'cto-sim',
    backoff: { attempts: 8, baseMs: 5, maxMs: 50, factor: 1.5 },
    rates: { get: 1e6, write: 1e6 },
    pollIntervalMs: 20,
    ...clientOpts,
  });
  clients.push(client);
  return { sim, client };
}

const ipxe = '#!ipxe\ndhcp\nchain https://pxe.factory.talos.dev/pxe/abc/v1.13.9/metal-${buildarch}\n';

function expectNoKey(err: unknown, key: string) {
  const d = (err as CtoError).diagnostics;
  expect(JSON.stringify(d)).not.toContain(key);
  expect(String((err as Error).message)).not.toContain(key);
  expect(String((err as Error).stack)).not.toContain(key);
}

describe('the run’s Latitude client', () => {
  it('takes its limits from the product, never from CTO_LATITUDE_* variables in the environment', async () => {
    const { cluster } = clusterSpec('http://127.0.0.1:9');
    const env = { CTO_LATITUDE_DEPLOY_TIMEOUT_MS: '5', CTO_LATITUDE_POLL_MS: '1', CTO_LATITUDE_RATE_GET: '1', CTO_LATITUDE_RETRY_BASE_MS: '1' };
    const secrets = new SecretSet();
    const client = await latitudeClient({ spec: cluster, cache: createReadCache(), secrets, env } as Parameters<typeof latitudeClient>[0]);
    clients.push(client);
    expect(client.deployTimeoutMs).toBe(45 * 60_000);
    expect(secrets.has(API_KEY)).toBe(true);
  });
});

describe('Latitude client: bad input', () => {
  it('a wrong key is a 401 diagnostic pointing at the apiKey, without the key', async () => {
    h = await harness({ spec: { apiKey: 'wrong-key-9d8e7f6a' } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LatitudeApiError);
    expect((err as LatitudeApiError).httpStatus).toBe(401);
    const d = (err as CtoError).diagnostics[0]!;
    expect(d.path).toBe('spec.provider.latitude.apiKey');
    expect(d.hint).toMatch(/API key was refused/);
    expectNoKey(err, 'wrong-key-9d8e7f6a');
    expect(h.secrets.has('wrong-key-9d8e7f6a')).toBe(true);
  });

  it('an unknown project is a 404 diagnostic pointing at the project', async () => {
    h = await harness({ spec: { project: 'no-such-project' } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LatitudeApiError);
    expect((err as LatitudeApiError).httpStatus).toBe(404);
    expect((err as CtoError).diagnostics[0]).toMatchObject({ path: 'spec.provider.latitude.project' });
    expect((err as CtoError).diagnostics[0]!.message).toMatch(/GET \/servers failed with 404 \[not_found\]: Specified Record Not Found/);
  });

  it('an unknown plan or site is a 422 with the attribute named, and is not retried', async () => {
    const { sim, client } = await direct();
    const plan = await client.createServer({ hostname: 'x-cp-0', plan: 'c9-huge-x86', site: 'MIA2', billing: 'hourly', ipxe }).catch((e: unknown) => e);
    expect(plan).toBeInstanceOf(LatitudeApiError);
    expect((plan as LatitudeApiError).httpStatus).toBe(422);
    expect((plan as CtoError).diagnostics[0]!.message).toMatch(/422 \[unprocessable_entity\].*plan c9-huge-x86 is not a valid plan/);
    expect((plan as CtoError).diagnostics[0]!.hint).toMatch(/plan slug/);
    const site = await client.createServer({ hostname: 'x-cp-0', plan: 'c2-small-x86', site: 'XXX9', billing: 'hourly', ipxe }).catch((e: unknown) => e);
    expect((site as CtoError).diagnostics[0]!.message).toMatch(/site XXX9 is not a valid site/);
    expect(sim.state.calls.get('POST /servers')).toBe(2);
    expect(sim.state.servers.size).toBe(0);
  });

  it('an iPXE create without a script is refused as the real API does', async () => {
    const { client } = await direct();
    const err = await client.createServer({ hostname: 'x-cp-0', plan: 'c2-small-x86', site: 'MIA2', billing: 'hourly', ipxe: '' }).catch((e: unknown) => e);
    expect((err as CtoError).diagnostics[0]!.message).toMatch(/ipxe must be informed/);
  });
});

describe('Latitude client: transient faults', () => {
  it('backs off through a flood of 429s and finishes, honouring meta.retry_after', async () => {
    h = await harness({ sim: { faults: { rateLimitRate: 0.6 }, seed: 7 } });
    await apply(h.run(), h.steps);
    expect(h.sim.state.answers.get(429)).toBeGreaterThan(5);
    expect(h.sim.state.servers.size).toBe(3);
    expect([...h.sim.state.servers.values()].every((s) => s.status === 'on')).toBe(true);
  });

  it('stays under the API rate limit by waiting what the 429 asks', async () => {
    const { sim, client } = await direct({ rateLimits: { get: 3, write: 2 }, timeScale: 0.005 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, () => client.listServers()));
    expect(sim.state.answers.get(429)).toBeGreaterThan(0);
    expect(sim.state.answers.get(200)).toBe(12);
    // 12 reads at 3 per 300 ms window need at least three more windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('keeps the client-side rate under the write limit', async () => {
    const { sim, client } = await direct({}, { rates: { get: 1e6, write: 120 } });
    const started = Date.now();
    // A burst of 120 is allowed; the next 6 need 6 × 0.5 s of refill.
    await Promise.all(Array.from({ length: 126 }, (_, i) => client.createTag(`t${i}`, 'x')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    expect(sim.state.tags.size).toBe(126);
  });

  it('never duplicates a server when the connection drops after the POST committed', async () => {
    const { sim, client } = await direct({ faults: { dropAfterCommitRate: 1 }, seed: 3 });
    const server = await client.createServer({ hostname: 'demo-cp-0', plan: 'c2-small-x86', site: 'mia2', billing: 'hourly', ipxe });
    expect(server.attributes.hostname).toBe('demo-cp-0');
    expect(sim.state.answers.get(0)).toBe(1);
    expect(sim.state.calls.get('POST /servers')).toBe(1);
    expect(sim.state.servers.size).toBe(1);
    expect([...sim.state.servers.values()][0]!.site.slug).toBe('MIA2');
  });

  it('retries a POST that failed with a 5xx only after finding no server', async () => {
    const { sim, client } = await direct({ faults: { errorRate: 0.5 }, seed: 11 });
    for (let i = 0; i < 6; i++) {
      await client.createServer({ hostname: `demo-worker-${i}`, plan: 'c2-small-x86', site: 'MIA2', billing: 'hourly', ipxe });
    }
    expect(sim.state.answers.get(500)! + (sim.state.answers.get(502) ?? 0) + (sim.state.answers.get(503) ?? 0)).toBeGreaterThan(0);
    expect([...sim.state.servers.values()].map((s) => s.hostname).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `demo-worker-${i}`),
    );
  });

  it('gives up on a server that never answers with a timeout diagnostic, key-free', async () => {
    const { client } = await direct({ faults: { latencyMs: { min: 400, max: 400 } } }, { timeoutMs: 100, backoff: { attempts: 2, baseMs: 5, maxMs: 10, factor: 1 } });
    const err = await client.listServers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LatitudeNetworkError);
    expect((err as LatitudeNetworkError).kind).toBe('timeout');
    expectNoKey(err, API_KEY);
  });

  it('polls a fresh deployment every second at first, with one list call per tick', async () => {
    const { sim, client } = await direct({ timeScale: 0.005 }, { pollIntervalMs: 15_000 });
    const servers = await Promise.all(
      ['a', 'b', 'c'].map((n) => client.createServer({ hostname: `demo-${n}`, plan: 'c2-small-x86', site: 'MIA2', billing: 'hourly', ipxe })),
    );
    sim.state.calls.clear();
    const done = await Promise.all(servers.map((s) => client.waitForDeploy(s.id, { timeoutMs: 60_000 })));
    expect(done.map((s) => s.attributes.status)).toEqual(['on', 'on', 'on']);
    // A 3 s deployment takes a few ticks of a second (not one 15 s poll interval): list calls shared by
    // all three waits. A loaded machine only makes ticks fewer, never more.
    expect(sim.state.calls.get('GET /servers')).toBeGreaterThanOrEqual(2);
    expect(sim.state.calls.get('GET /servers')).toBeLessThanOrEqual(5);
    expect(sim.state.calls.get('GET /servers/:id')).toBeUndefined();
  });

  it('treats an unknown status as in progress until it turns on, or until the timeout', async () => {
    const { sim, client } = await direct({ deploySeconds: 1e9 });
    const [a, b] = await Promise.all(
      ['a', 'b'].map((n) => client.createServer({ hostname: `demo-${n}`, plan: 'c2-small-x86', site: 'MIA2', billing: 'hourly', ipxe })),
    );
    for (const s of [a!, b!]) sim.state.servers.get(s.id)!.status = 'powering_up_maybe';
    const statuses: string[] = [];
    const turnsOn = client.waitForDeploy(a!.id, { timeoutMs: 30_000, onStatus: (st) => statuses.push(st) });
    const timesOut = client.waitForDeploy(b!.id, { timeoutMs: 1_500, stepId: 'server/demo-b' }).catch((e: unknown) => e);
    const err = await timesOut;
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({ stepId: 'server/demo-b', message: expect.stringMatching(/demo-b \(sv_\w+\) is still powering_up_maybe after 0 min/) });
    sim.state.servers.get(a!.id)!.status = 'on';
    expect((await turnsOn).attributes.status).toBe('on');
    expect(statuses[0]).toBe('powering_up_maybe');
  });

  it('reads every page of a long list, stopping on the reported total', async () => {
    const { sim, client } = await direct({ stock: { 'c2-small-x86': { DAL: 20 } } }, { pageSize: 7 });
    for (let i = 0; i < 20; i++) {
      sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'DAL', operating_system: 'ubuntu_24_04_x64_lts', hostname: `n-${i}` });
    }
    sim.state.calls.clear();
    const all = await client.listServers();
    expect(all.map((s) => s.attributes.hostname).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n-${i}`).sort());
    expect(sim.state.calls.get('GET /servers')).toBe(3);
  });

  it('accepts a Bearer key and refuses none at all', async () => {
    const { sim } = await direct();
    const bearer = await fetch(`${sim.url}/plans`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(bearer.status).toBe(200);
    const none = await fetch(`${sim.url}/plans`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errors: [{ code: 'unauthorized', status: '401', title: 'Unauthorized', detail: 'The API key is missing or invalid', meta: {} }],
    });
  });
});
