import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { cassettes, missingShape } from '../latitude/recordings.js';

const KEY = 'contract-test-key';

/**
 * Replays every recorded request against a fresh simulator and checks that each answer
 * has every key path and JSON type of the recorded real answer. Ids the recording
 * created are mapped to the ids the simulator created; projects the recording used
 * exist in the simulator under the same id.
 */
describe('the simulator answers recorded requests in the recorded shape', () => {
  let sim: Simulator | undefined;
  afterEach(async () => sim?.close());

  for (const { name, interactions } of cassettes()) {
    it(name, async () => {
      const projectIds = new Set<string>();
      for (const i of interactions) for (const m of (i.url.pathname + i.requestBody).matchAll(/proj_[A-Za-z0-9]+/g)) projectIds.add(m[0]);
      sim = await startSimulator({ apiKey: KEY, rateLimits: false, projects: [...projectIds].map((id) => ({ id, name: `project ${id}` })) });
      const ids = new Map<string, string>();
      const mapIds = (s: string) => s.replace(/\b(sv|ssh|tag|vlan)_[A-Za-z0-9]+/g, (id) => ids.get(id) ?? id);

      for (const i of interactions) {
        const path = mapIds(i.url.pathname) + i.url.search;
        const res = await fetch(sim.url + path, {
          method: i.method,
          headers: { authorization: KEY, accept: 'application/vnd.api+json', 'content-type': 'application/json' },
          ...(i.requestBody ? { body: mapIds(i.requestBody) } : {}),
        });
        const text = await res.text();
        const label = `${name}: ${i.method} ${i.url.pathname}`;
        expect(res.status, `${label}: ${text}`).toBe(i.status);
        if (i.responseBody === '') {
          expect(text, label).toBe('');
          continue;
        }
        const recorded: unknown = JSON.parse(i.responseBody);
        const answer: unknown = JSON.parse(text);
        expect(missingShape(recorded, answer), label).toEqual([]);
        const recordedId = (recorded as { data?: { id?: string } }).data?.id;
        const answerId = (answer as { data?: { id?: string } }).data?.id;
        if (i.method === 'POST' && recordedId && answerId) ids.set(recordedId, answerId);
      }
    });
  }
});
