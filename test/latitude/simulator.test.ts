import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type DeployedServer, type Simulator } from '../../src/sim/index.js';
import { cassettes } from './recordings.js';

const KEY = 'sim-test-key';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(sim!.url + path, {
    method,
    headers: { authorization: KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : undefined };
}

const create = (hostname: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/servers', {
    data: {
      type: 'servers',
      attributes: {
        project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ipxe', hostname,
        ipxe: Buffer.from('#!ipxe\ndhcp\nchain https://pxe.factory.talos.dev/pxe/abc/v1.13.9/metal-${buildarch}\n').toString('base64'),
        ...extra,
      },
    },
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('simulator', () => {
  it('deploys asynchronously, boots each server at its own loopback address, and calls the hook before `on`', async () => {
    // The simulator's clock is the test's (600 s × 0.001: `deploying` from 60 ms, `on` at 600 ms plus the hook's 50).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const deployed: DeployedServer[] = [];
      sim = await startSimulator({
        apiKey: KEY,
        timeScale: 0.001,
        rateLimits: false,
        disks: { 'c3-small-x86': ['/dev/sda', '/dev/sdb', '/dev/sdc'] },
        onServerDeployed: async (s) => {
          expect(sim!.state.servers.get(s.id)!.status).toBe('deploying');
          await sleep(50);
          deployed.push(s);
        },
      });
      const a = await create('a');
      expect(a.status).toBe(201);
      expect(a.body.data.attributes).toMatchObject({ status: 'starting_deploy', primary_ipv4: '127.0.10.1' });
      const b = await create('b', { plan: 'c3-small-x86' });
      expect(b.body.data.attributes.primary_ipv4).toBe('127.0.10.2');
      await vi.advanceTimersByTimeAsync(150);
      expect((await call('GET', `/servers/${a.body.data.id}`)).body.data.attributes.status).toBe('deploying');
      await vi.advanceTimersByTimeAsync(700);
      expect((await call('GET', `/servers/${a.body.data.id}`)).body.data.attributes.status).toBe('on');
      expect(deployed.map((d) => [d.hostname, d.ipv4, d.disks])).toEqual(
        expect.arrayContaining([
          ['a', '127.0.10.1', ['/dev/nvme0n1', '/dev/nvme1n1']],
          ['b', '127.0.10.2', ['/dev/sda', '/dev/sdb', '/dev/sdc']],
        ]),
      );
      expect(deployed[0]!.ipxe).toMatch(/^#!ipxe\n/);
      await sim.close();
      sim = undefined;
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends a deployment as failed_deployment when the simulated OS fails to boot', async () => {
    sim = await startSimulator({
      apiKey: KEY, timeScale: 0.001, rateLimits: false,
      onServerDeployed: async () => {
        throw new Error('talos node did not start');
      },
    });
    const { body } = await create('f');
    await sleep(800);
    expect(sim.state.servers.get(body.data.id)!.status).toBe('failed_deployment');
    expect(String(sim.state.hookErrors[0])).toMatch(/talos node did not start/);
  });

  it('wipes on reinstall: stale status first, then disk_erasing, deploying, on; records the new script', async () => {
    // The simulator's clock is the test's: 600 s × 0.002 = 1.2 s per deployment, moved step by step, so no
    // status (the stale one lasts 60 ms of it) can slip past a busy machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const deleted: string[] = [];
      sim = await startSimulator({ apiKey: KEY, timeScale: 0.002, rateLimits: false, onServerDeleted: async (s) => void deleted.push(s.hostname) });
      const { body } = await create('r');
      const id = body.data.id as string;
      const status = async () => (await call('GET', `/servers/${id}`)).body.data.attributes.status as string;
      await vi.advanceTimersByTimeAsync(1200);
      expect(await status()).toBe('on');
      const res = await call('POST', `/servers/${id}/reinstall`, {
        data: { type: 'reinstalls', attributes: { operating_system: 'ipxe', hostname: 'r', ipxe: 'https://example.invalid/v2.ipxe' } },
      });
      expect(res).toMatchObject({ status: 201, body: undefined });
      const seen = [await status()];
      for (const ms of [60, 300, 840]) {
        await vi.advanceTimersByTimeAsync(ms);
        seen.push(await status());
      }
      expect(seen).toEqual(['on', 'disk_erasing', 'deploying', 'on']);
      expect(sim.state.servers.get(id)!.ipxe).toBe('https://example.invalid/v2.ipxe');
      expect(deleted).toEqual(['r']);
      await sim.close();
      sim = undefined;
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a hostname over 32 characters, as the Terraform provider does', async () => {
    sim = await startSimulator({ apiKey: KEY, rateLimits: false });
    const long = await create('a'.repeat(33));
    expect(long).toMatchObject({ status: 422, body: { errors: [{ detail: 'hostname is too long (maximum is 32 characters)' }] } });
    expect((await create('a'.repeat(32))).status).toBe(201);
  });

  it('answers 404 exactly as recorded, and 423 for a locked server as documented', async () => {
    sim = await startSimulator({ apiKey: KEY, timeScale: 0.001, rateLimits: false });
    const recorded404 = cassettes().find((c) => c.name === 'Server_Basic.yaml')!.interactions.at(-1)!;
    const missing = await call('GET', '/servers/sv_doesnotexist1');
    expect(missing.status).toBe(recorded404.status);
    expect(missing.body).toEqual(JSON.parse(recorded404.responseBody));

    const { body } = await create('l');
    await call('POST', `/servers/${body.data.id}/lock`);
    const patch = await call('PATCH', `/servers/${body.data.id}`, { data: { type: 'servers', attributes: { hostname: 'x' } } });
    expect(patch.status).toBe(423);
    expect(patch.body).toEqual({
      errors: [{ code: null, status: 'locked', title: 'Locked Server', detail: 'Server is locked and cannot be updated or deleted', meta: {} }],
    });
    expect((await call('DELETE', `/servers/${body.data.id}`)).status).toBe(423);
    await call('POST', `/servers/${body.data.id}/unlock`);
    expect((await call('DELETE', `/servers/${body.data.id}`)).status).toBe(204);
  });

  it('rate-limits per key with the documented 429 body and a Retry-After', async () => {
    sim = await startSimulator({ apiKey: KEY, timeScale: 1, rateLimits: { get: 2, write: 1 } });
    expect((await call('GET', '/plans')).status).toBe(200);
    expect((await call('GET', '/plans')).status).toBe(200);
    const limited = await call('GET', '/plans');
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0]).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: '429', title: 'Rate Limit Exceeded' });
    const wait = limited.body.errors[0].meta.retry_after as number;
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(Number(limited.headers.get('retry-after'))).toBe(wait);
    // Writes have their own budget.
    expect((await create('w')).status).toBe(201);
    expect((await create('w2')).status).toBe(429);
  });

  it('consumes and returns stock, visible in GET /plans', async () => {
    sim = await startSimulator({ apiKey: KEY, timeScale: 0.001, rateLimits: false, stock: { 'c2-small-x86': { MIA2: 1 } } });
    const inStock = async () =>
      (await call('GET', '/plans?filter%5Bslug%5D=c2-small-x86')).body.data[0].attributes.regions.find((r: any) => r.name === 'United States');
    expect((await inStock()).locations.in_stock).toEqual(['MIA2']);
    expect((await inStock()).stock_level).toBe('unique');
    const { body } = await create('s');
    expect((await inStock()).locations.in_stock).toEqual([]);
    expect((await create('t')).body.errors[0].detail).toBe('plan c2-small-x86 is out of stock at MIA2');
    await call('DELETE', `/servers/${body.data.id}`);
    expect((await inStock()).locations.in_stock).toEqual(['MIA2']);
  });

  it('is deterministic for a seed and keeps a call log readable without a key', async () => {
    const ids: string[][] = [];
    for (let i = 0; i < 2; i++) {
      sim = await startSimulator({ apiKey: KEY, seed: 42, timeScale: 0.001, rateLimits: false });
      ids.push([(await create('d1')).body.data.id, (await create('d2')).body.data.id]);
      await call('GET', '/servers?filter%5Bproject%5D=cto-sim');
      await call('GET', `/servers/${ids[i]![0]}`);
      const log = await (await fetch(`${sim.url}/_sim/calls`)).json();
      expect(log).toEqual({
        calls: { 'POST /servers': 2, 'GET /servers': 1, 'GET /servers/:id': 1 },
        answers: { 200: 2, 201: 2 },
      });
      await sim.close();
      sim = undefined;
    }
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[0]![0]).toMatch(/^sv_[A-Za-z0-9]{13}$/);
  });

  it('filters servers by hostname, site and tags (AND) and paginates with a total on request', async () => {
    sim = await startSimulator({ apiKey: KEY, timeScale: 0.001, rateLimits: false });
    const tag = (await call('POST', '/tags', { data: { type: 'tags', attributes: { name: 'k', color: '#000000' } } })).body.data.id;
    for (const h of ['p', 'q', 'r']) await create(h);
    const q = [...sim.state.servers.values()].find((s) => s.hostname === 'q')!;
    await call('PATCH', `/servers/${q.id}`, { data: { type: 'servers', attributes: { hostname: 'q', tags: [tag] } } });
    const byTag = await call('GET', `/servers?filter%5Btags%5D=${tag}`);
    expect(byTag.body.data.map((s: any) => s.attributes.hostname)).toEqual(['q']);
    expect(byTag.body.data[0].attributes.tags).toEqual([{ id: tag, name: 'k', description: '', color: '#000000' }]);
    const page = await call('GET', '/servers?page%5Bsize%5D=2&page%5Bnumber%5D=2&stats%5Btotal%5D=count');
    expect(page.body).toMatchObject({ meta: { stats: { total: { count: 3 } } } });
    expect(page.body.data).toHaveLength(1);
    expect((await call('GET', '/servers?filter%5Bhostname%5D=r')).body.data).toHaveLength(1);
  });
});
