import { describe, expect, it } from 'vitest';
import { pollInterval } from '../../src/time/poll.js';

describe('poll intervals back off while nothing changes', () => {
  it('starts at the first pause, stretches to a tenth of the unchanged time, stops at 15 s', () => {
    const opts = { intervalMs: 1_000 };
    expect(pollInterval(0, opts)).toBe(1_000);
    expect(pollInterval(9_000, opts)).toBe(1_000);
    expect(pollInterval(40_000, opts)).toBe(4_000);
    expect(pollInterval(150_000, opts)).toBe(15_000);
    expect(pollInterval(3_600_000, opts)).toBe(15_000);
    expect(pollInterval(3_600_000, { intervalMs: 2_000, maxIntervalMs: 2_000 })).toBe(2_000);
  });
});
