import { afterEach, describe, expect, it } from 'vitest';
import { decodeList, decodeListOf, plan as planDecoder } from '../../src/clients/latitude/wire.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { chooseSite, shortage } from '../../src/executors/latitude/site-choice.js';
import { apply, harness, plan, type Harness } from './context.js';
import { cassettes } from './recordings.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The real c2-small-x86 stock recorded from api.latitude.sh. */
const recordedPlans = () => {
  const rec = cassettes().find((c) => c.name === 'Plan_Basic.yaml')!;
  return decodeList(JSON.parse(rec.interactions[0]!.responseBody), planDecoder).items;
};

describe('site choice on recorded stock', () => {
  it('skips sites without stock and says why', () => {
    const result = chooseSite({ auto: true, fallback: ['ASH', 'MIA', 'MIA2'], plans: [{ plan: 'c2-small-x86', count: 2 }] }, recordedPlans(), []);
    expect(result).toEqual({
      ok: true,
      choice: {
        site: 'MIA2',
        reason: 'MIA2: first fallback site with c2-small-x86 ×2 in stock (skipped ASH: c2-small-x86 out of stock at ASH; MIA: c2-small-x86 out of stock at MIA)',
      },
    });
  });

  it('names every site tried and what was short there', () => {
    const result = chooseSite(
      { auto: true, fallback: ['FRA', 'SYD', 'AMS'], plans: [{ plan: 'c2-small-x86', count: 1 }, { plan: 'm4-metal-medium', count: 3 }] },
      recordedPlans(),
      [],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      'no site in spec.region.fallback has c2-small-x86 ×1, m4-metal-medium ×3 in stock; tried ' +
        'FRA: c2-small-x86 out of stock at FRA, m4-metal-medium is not a Latitude plan; ' +
        'SYD: c2-small-x86 out of stock at SYD, m4-metal-medium is not a Latitude plan; ' +
        'AMS: c2-small-x86 is not offered at AMS, m4-metal-medium is not a Latitude plan',
    );
  });

  it('treats a unique stock level as a single unit', () => {
    const plans = recordedPlans();
    plans[0]!.attributes.regions.find((r) => r.name === 'Colombia')!.stock_level = 'unique';
    expect(shortage(plans, { plan: 'c2-small-x86', count: 1 }, 'BGT')).toBeUndefined();
    expect(shortage(plans, { plan: 'c2-small-x86', count: 2 }, 'BGT')).toBe('only one c2-small-x86 left at BGT, 2 needed');
  });

  it('stays where the cluster already is, needing stock only for the missing nodes', () => {
    const plans = recordedPlans();
    const desired = { auto: true, fallback: ['CHI', 'DAL', 'MIA2'], plans: [{ plan: 'c2-small-x86', count: 3 }] };
    const existing = [{ site: 'MIA2', plan: 'c2-small-x86' }, { site: 'MIA2', plan: 'c2-small-x86' }];
    expect(chooseSite(desired, plans, existing)).toEqual({
      ok: true,
      choice: { site: 'MIA2', reason: "MIA2: where the cluster's 2 servers are; c2-small-x86 ×1 in stock" },
    });
  });

  it('follows a fixed site that changed, so the servers get replaced there', () => {
    const result = chooseSite({ site: 'DAL', auto: false, fallback: [], plans: [{ plan: 'c2-small-x86', count: 2 }] }, recordedPlans(), [
      { site: 'MIA2', plan: 'c2-small-x86' },
    ]);
    expect(result).toEqual({ ok: true, choice: { site: 'DAL', reason: 'DAL: fixed in the spec; c2-small-x86 ×2 in stock' } });
  });
});

describe('the plan catalog, read for the spec’s plans only', () => {
  const odd = { id: 'plan_0dd', type: 'plans', attributes: { slug: 'x9-odd', name: 'x9.odd', regions: 'coming soon', specs: null } };

  it('decodes the named plan out of a whole recorded catalog holding an odd entry', () => {
    const rec = cassettes().find((c) => c.name === 'TestAccPlanBasic.yaml')!;
    const body = JSON.parse(rec.interactions[0]!.responseBody) as { data: unknown[] };
    body.data.splice(3, 0, odd);
    expect(() => decodeList(body, planDecoder)).toThrow(/expected an array at \$\.data\[3\]\.attributes\.regions/);
    const [found, ...rest] = decodeListOf(body, 'm4-metal-medium', planDecoder);
    expect(rest).toEqual([]);
    expect(found!.attributes.name).toBe('m4.metal.medium');
    expect(found!.attributes.regions.find((r) => r.name === 'United States')!.pricing).toEqual({
      USD: { hour: 0.62, month: 430, year: 3802 },
      BRL: { hour: 3.1, month: 2150, year: 19009 },
    });
  });

  it('asks for each plan of the spec by slug, so an odd plan elsewhere in the catalog cannot fail the region step', async () => {
    h = await harness({ sim: { extraPlans: [odd] } });
    const run = h.run();
    const changes = await plan(run, h.steps);
    expect(changes.get('region')).toMatchObject({ action: 'noop', reason: expect.stringMatching(/^MIA2: first fallback site/) });
    expect(h.sim.state.calls.get('GET /plans')).toBe(1);
    expect(h.sim.state.calls.get('GET /plans/operating_systems')).toBe(1);
  });

  it('refuses at plan time a plan that cannot boot iPXE, naming it and where the spec sets it', async () => {
    h = await harness({ spec: { plan: 'c3-small-x86' }, sim: { ipxePlans: ['c2-small-x86', 'm4-metal-medium'] } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({
      stepId: 'region',
      path: 'spec.nodes.controlPlane.plan',
      message: 'plan c3-small-x86 cannot boot iPXE: Latitude does not list c3.small.x86 among the plans its `ipxe` operating system installs on, and cto boots Talos from iPXE',
      hint: 'choose a plan it lists (by name): c2.small.x86, m4.metal.medium',
    });
    expect(h.sim.state.calls.get('POST /servers')).toBeUndefined();
  });
});

describe('latitude.region against the simulator', () => {
  it('is a no-op that outputs the first fallback site with stock, from one GET /plans', async () => {
    h = await harness({ sim: { stock: { 'c2-small-x86': { MIA2: 0, DAL: 5 } } } });
    const run = h.run();
    const changes = await plan(run, h.steps);
    const reason = 'DAL: first fallback site with c2-small-x86 ×3 in stock (skipped MIA2: c2-small-x86 out of stock at MIA2)';
    expect(changes.get('region')).toEqual({ action: 'noop', fields: [], reason });
    expect(run.outputs.get('region')).toEqual({ site: 'DAL', reason, prices: { 'c2-small-x86': { USD: { hour: 0.21, month: 146, year: 1288 }, BRL: { hour: 1.04, month: 724, year: 6388 } } } });
    expect(h.sim.state.calls.get('GET /plans')).toBe(1);
  });

  it('reports a site that runs out of units mid-way as a 422 (the API has no unit counts)', async () => {
    h = await harness({ sim: { stock: { 'c2-small-x86': { MIA2: 2, DAL: 5 } } } });
    const err = await apply(h.run(), h.steps).catch((e: unknown) => e);
    expect((err as CtoError).diagnostics[0]!.message).toMatch(/POST \/servers failed with 422.*c2-small-x86 is out of stock at MIA2/);
    expect(h.sim.state.servers.size).toBe(2);
  });

  it('fails early with the sites tried when no site has stock', async () => {
    h = await harness({ sim: { stock: { 'c2-small-x86': { FRA: 4 } } } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    const d = (err as CtoError).diagnostics[0]!;
    expect(d).toMatchObject({ stepId: 'region', path: 'spec.region' });
    expect(d.message).toBe(
      'no site in spec.region.fallback has c2-small-x86 ×3 in stock; tried MIA2: c2-small-x86 out of stock at MIA2; DAL: c2-small-x86 out of stock at DAL; ASH: c2-small-x86 out of stock at ASH',
    );
    expect(h.sim.state.calls.get('POST /servers')).toBeUndefined();
  });

  it('tells a misspelt site from a site without stock, reading the paginated site list', async () => {
    h = await harness({ spec: { region: 'auto: true\nfallback: [MIA3, DAL]' }, sim: { stock: { 'c2-small-x86': { FRA: 4 } } } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    const d = (err as CtoError).diagnostics[0]!;
    expect(d.message).toMatch(/tried MIA3: c2-small-x86 is not offered at MIA3; DAL: c2-small-x86 out of stock at DAL$/);
    expect(d.hint).toMatch(/^MIA3 is not a Latitude site; sites are ASH, CHI, .*SGP$/);
    // 23 sites at 50 a page: one call.
    expect(h.sim.state.calls.get('GET /regions')).toBe(1);
  });

  it('checks a fixed site and fails before creating anything', async () => {
    h = await harness({ spec: { region: 'site: ASH' }, sim: { stock: { 'c2-small-x86': { MIA2: 9 } } } });
    const err = await plan(h.run(), h.steps).catch((e: unknown) => e);
    expect((err as CtoError).diagnostics[0]!.message).toBe(
      'site ASH (fixed in spec.region.site) cannot host the cluster: c2-small-x86 out of stock at ASH',
    );
  });

  it('consumes stock, and a cluster stays at its site after taking the last units', async () => {
    h = await harness({ sim: { stock: { 'c2-small-x86': { MIA2: 3, DAL: 3 } } } });
    await apply(h.run(), h.steps);
    expect([...h.sim.state.servers.values()].every((s) => s.site.slug === 'MIA2')).toBe(true);
    expect(h.sim.state.inStock('c2-small-x86', 'MIA2')).toBe(0);
    // The same cluster stays put although MIA2 is now out of stock.
    const again = await plan(h.run(), h.steps);
    expect(again.get('region')!.reason).toBe("MIA2: where the cluster's 3 servers are");
  });
});
