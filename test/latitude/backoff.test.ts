import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '../../src/clients/latitude/backoff.js';
import { collectPages } from '../../src/clients/latitude/pagination.js';
import { PRIORITY, RateLimiter } from '../../src/clients/latitude/rate-limiter.js';
import { DOCUMENTED_RATES, latitudeRates } from '../../src/clients/latitude/rates.js';
import { CtoError } from '../../src/diagnostics/error.js';

describe('backoff', () => {
  it('grows by the factor with half of each delay random, up to the cap', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, 0)).toBe(250);
    expect(backoffDelay(0, DEFAULT_BACKOFF, 1)).toBe(500);
    expect(backoffDelay(2, DEFAULT_BACKOFF, 1)).toBe(1125);
    expect(backoffDelay(50, DEFAULT_BACKOFF, 1)).toBe(60_000);
    expect(backoffDelay(50, DEFAULT_BACKOFF, 0)).toBe(30_000);
  });

  it('waits at least what the server asked for', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, 0.5, 60_000)).toBe(60_000);
    expect(backoffDelay(0, DEFAULT_BACKOFF, 0.5, 1)).toBeLessThan(375);
  });

  it('reads Retry-After as seconds (fractions too) or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('60', now)).toBe(60_000);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('rate limiter', () => {
  it('lets a burst through, then spaces requests at the refill rate', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RateLimiter(20, {
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    for (let i = 0; i < 20; i++) await limiter.take();
    expect(slept).toEqual([]);
    await limiter.take();
    await limiter.take();
    // 20 a minute: one token every 3 s.
    expect(slept).toEqual([3000, 3000]);
    expect(now).toBe(6000);
  });
});

describe('write budget', () => {
  it('serves waiting writes by priority (creations before tags), in order within one, and says how many wait', async () => {
    let now = 0;
    const limiter = new RateLimiter(2, { now: () => now, sleep: async (ms) => void (now += ms) });
    const order: string[] = [];
    const queued: number[] = [];
    const take = (name: string, priority: number) => limiter.take(priority, (n) => queued.push(n)).then(() => order.push(name));
    await Promise.all([
      take('create-1', PRIORITY.urgent),
      take('tag-1', PRIORITY.later),
      take('tag-2', PRIORITY.later),
      take('create-2', PRIORITY.urgent),
      take('create-3', PRIORITY.urgent),
    ]);
    expect(order).toEqual(['create-1', 'tag-1', 'create-2', 'create-3', 'tag-2']);
    // The first two went at once (a burst of 2); each later one heard the queue it joined.
    expect(queued).toEqual([1, 2, 3]);
    expect(limiter.queued).toBe(0);
  });

  it('CTO_LATITUDE_RATES sets the budget, per minute or per a window of seconds; a bad value is a clear error', () => {
    expect(latitudeRates(undefined)).toEqual(DOCUMENTED_RATES);
    expect(latitudeRates('120/40')).toEqual({ get: 120, write: 40, windowMs: 60_000 });
    expect(latitudeRates('60/20/1.2')).toEqual({ get: 60, write: 20, windowMs: 1_200 });
    expect(() => latitudeRates('fast')).toThrow(/CTO_LATITUDE_RATES must be <GET>\/<writes>/);
    expect(() => latitudeRates('60/0')).toThrow(CtoError);
  });
});

describe('pagination', () => {
  it('stops on a short page when no total is given', async () => {
    const asked: number[] = [];
    const all = await collectPages(3, async (n) => {
      asked.push(n);
      return { items: [1, 2, 3, 4, 5, 6, 7].slice((n - 1) * 3, n * 3) };
    });
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('follows the total when the server caps pages below the size asked for', async () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    const all = await collectPages(50, async (n) => ({ items: items.slice((n - 1) * 10, n * 10), total: 25 }));
    expect(all).toEqual(items);
  });
});
