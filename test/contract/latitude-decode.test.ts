import { describe, expect, it } from 'vitest';
import {
  anyResource,
  decodeEnvelope,
  decodeErrors,
  decodeList,
  decodeOne,
  operatingSystem,
  plan,
  region,
  server,
  tag,
  type Resource,
} from '../../src/clients/latitude/wire.js';
import { virtualNetwork } from '../../src/clients/latitude/network-wire.js';
import { cassettes } from '../latitude/recordings.js';

/** The decoder the client uses for a path; the product reads servers, plans, operating systems, regions, tags and VLANs. */
function decoderFor(path: string): (v: unknown, p: string) => Resource<unknown> {
  if (path.startsWith('/servers')) return server;
  if (path === '/plans/operating_systems') return operatingSystem;
  if (path.startsWith('/plans')) return plan;
  if (path.startsWith('/regions')) return region;
  if (path.startsWith('/tags')) return tag;
  if (path.startsWith('/virtual_networks')) return virtualNetwork;
  return anyResource;
}

describe('the Latitude client decodes every recorded response', () => {
  for (const { name, interactions } of cassettes()) {
    it(name, () => {
      expect(interactions.length).toBeGreaterThan(0);
      for (const i of interactions) {
        const label = `${i.method} ${i.url.pathname} → ${i.status}`;
        if (i.responseBody === '') {
          expect([200, 201, 204], label).toContain(i.status);
          continue;
        }
        const body: unknown = JSON.parse(i.responseBody);
        if (i.status >= 400) {
          const errors = decodeErrors(body);
          expect(errors.length, label).toBeGreaterThan(0);
          expect(errors[0]!.status, label).toBe(String(i.status));
          continue;
        }
        if (!('data' in (body as object))) {
          // A DELETE that answers 200 with only `{"meta":{}}`.
          expect(body, label).toEqual({ meta: {} });
          continue;
        }
        const decode = decoderFor(i.url.pathname);
        const items = Array.isArray(decodeEnvelope(body).data) ? decodeList(body, decode).items : [decodeOne(body, decode)];
        for (const item of items) expect(item.id, label).toMatch(/^[a-z]+_[A-Za-z0-9_]+$/);
      }
    });
  }

  it('reads the fields cto relies on from a recorded server', () => {
    const rec = cassettes().find((c) => c.name === 'Server_Basic.yaml')!;
    const created = decodeOne(JSON.parse(rec.interactions[0]!.responseBody), server);
    expect(created.attributes).toMatchObject({ hostname: 'test', status: 'starting_deploy', primary_ipv4: '177.54.146.23', tags: [] });
    expect(created.attributes.plan?.slug).toBe('c2-small-x86');
    const read = decodeOne(JSON.parse(rec.interactions[1]!.responseBody), server);
    expect(read.attributes.status).toBe('on');
    expect(read.attributes.region?.site?.slug).toBe('SAO');
    expect(read.attributes.project?.id).toBe('proj_gXQvNedwV0zpb');
    expect(read.attributes.locked).toBe(false);
  });

  it('reads per-site stock from a recorded plan list', () => {
    const rec = cassettes().find((c) => c.name === 'Plan_Basic.yaml')!;
    const [p] = decodeList(JSON.parse(rec.interactions[0]!.responseBody), plan).items;
    const us = p!.attributes.regions.find((r) => r.name === 'United States')!;
    expect(us.locations.in_stock).toContain('MIA2');
    expect(us.locations.available).toContain('ASH');
    expect(us.locations.in_stock).not.toContain('ASH');
  });

  it('keeps a locked error whose status is a word and whose code is null', () => {
    const errors = decodeErrors({
      errors: [{ code: null, status: 'locked', title: 'Locked Server', detail: 'Server is locked and cannot be updated or deleted', meta: {} }],
    });
    expect(errors[0]).toMatchObject({ status: 'locked', code: null, title: 'Locked Server' });
  });
});
