import { describe, expect, it } from 'vitest';
import { SharedRead } from '../../src/executors/batched-read.js';

/** A read of many keys that records each call; key `down` never answers. */
function reader(known: string[]) {
  const calls: string[][] = [];
  let now = 0;
  const clock = { now: () => now, sleep: async () => undefined };
  const shared = new SharedRead(
    async (keys) => {
      calls.push([...keys].sort());
      return new Map(keys.filter((k) => k !== 'down').map((k) => [k, `${k}@${calls.length}`]));
    },
    () => known,
    1_000,
    clock,
  );
  return { shared, calls, advance: (ms: number) => (now += ms) };
}

describe('SharedRead: one read of many keys for callers of the same moment', () => {
  it('serves every caller of one moment from one read that covers the known keys', async () => {
    const { shared, calls } = reader(['a', 'b', 'c']);
    expect(await Promise.all(['a', 'b', 'c', 'extra'].map((k) => shared.read(k)))).toEqual(['a@1', 'b@1', 'c@1', 'extra@1']);
    expect(calls).toEqual([['a', 'b', 'c', 'extra']]);
  });

  it('a caller that comes later takes the fresh answer read for it, once; its next call reads again', async () => {
    const { shared, calls, advance } = reader(['a', 'b']);
    expect(await shared.read('a')).toBe('a@1');
    advance(500);
    expect(await shared.read('b')).toBe('b@1');
    expect(await shared.read('b')).toBe('b@2');
    expect(calls).toHaveLength(2);
  });

  it('an answer older than the round age is read again', async () => {
    const { shared, calls, advance } = reader(['a', 'b']);
    await shared.read('a');
    advance(1_001);
    expect(await shared.read('b')).toBe('b@2');
    expect(calls).toHaveLength(2);
  });

  it('a key the read had no answer for is undefined, and a failed read answers nothing', async () => {
    const { shared } = reader(['a', 'down']);
    expect(await shared.read('down')).toBeUndefined();
    const failing = new SharedRead<string>(() => Promise.reject(new Error('endpoint down')), () => ['a'], 1_000);
    expect(await failing.read('a')).toBeUndefined();
  });
});
