import { describe, expect, it } from 'vitest';
import { apply, harness, plan } from './context.js';

/**
 * The acceptance bar for the infrastructure phase: with a fifth of all answers failing
 * (5xx and 429) and one POST in twenty committing and then dropping the connection,
 * a 1 + 10 node cluster converges to exactly 11 servers, for every one of 20 seeds.
 */
describe('creating servers converges under faults', () => {
  it('1 control plane + 10 workers give exactly 11 servers over 20 seeded runs', async () => {
    const faultsSeen = { errors: 0, limited: 0, dropped: 0 };
    for (let seed = 1; seed <= 20; seed++) {
      const h = await harness({
        // Exactly 11 units: a duplicate would also starve a later node of stock.
        sim: { seed, stock: { 'c2-small-x86': { MIA2: 11 } }, faults: { errorRate: 0.1, rateLimitRate: 0.1, dropAfterCommitRate: 0.05 } },
        spec: { controlPlanes: 1, workers: 10 },
      });
      try {
        await apply(h.run(), h.steps);
        const servers = [...h.sim.state.servers.values()];
        const hostnames = servers.map((s) => s.hostname).sort();
        expect(hostnames, `seed ${seed}`).toEqual(['demo-cp-0', ...Array.from({ length: 10 }, (_, i) => `demo-worker-${i}`)].sort());
        expect(servers.every((s) => s.status === 'on'), `seed ${seed}`).toBe(true);
        const again = await plan(h.run(), h.steps);
        for (const [id, c] of again) expect(c.action, `seed ${seed} ${id}: ${c.reason}`).toBe('noop');
        const a = h.sim.state.answers;
        faultsSeen.errors += (a.get(500) ?? 0) + (a.get(502) ?? 0) + (a.get(503) ?? 0);
        faultsSeen.limited += a.get(429) ?? 0;
        faultsSeen.dropped += a.get(0) ?? 0;
      } finally {
        await h.close();
      }
    }
    // The faults really happened, including drops after a committed POST.
    expect(faultsSeen.errors).toBeGreaterThan(50);
    expect(faultsSeen.limited).toBeGreaterThan(50);
    expect(faultsSeen.dropped).toBeGreaterThan(3);
  }, 300_000);
});
