import { describe, expect, it } from 'vitest';
import { setTimeout as delay } from 'node:timers/promises';
import { createProgressView } from '../../src/cli/progress/index.js';
import { plainView } from '../../src/cli/progress/plain.js';
import { ttyView } from '../../src/cli/progress/tty.js';
import { walk } from '../../src/executors/walk/walker.js';
import { FakeClock } from '../support/fake-clock.js';
import { sleeper } from './walk-helpers.js';
import type { WalkTask } from '../../src/executors/walk/walker.js';

/** `every` for the plain view, on a virtual clock. */
const fakeEvery = (clock: FakeClock) => (ms: number, fn: () => void) => {
  const stop = new AbortController();
  void (async () => {
    for (;;) {
      await clock.sleep(ms, stop.signal);
      fn();
    }
  })().catch(() => undefined);
  return () => stop.abort();
};

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (s: string) => chunks.push(s) }, text: () => chunks.join('') };
}

const T0 = Date.parse('2025-03-01T10:00:00Z');
const ESC = '\x1b';

describe('progress views', () => {
  it('JSON: one parseable event per line, exactly the walker events', async () => {
    const out = sink(false);
    const view = createProgressView({ json: true, stream: out.stream, color: true });
    const clock = new FakeClock(T0);
    await walk([sleeper(clock, 'region', [], 1_000), sleeper(clock, 'server/cp-0', ['region'], 2_000)], { parallelism: 2, clock, onEvent: view.onEvent });
    view.close();
    const events = out.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toEqual([
      { type: 'started', id: 'region', at: T0, attempt: 1 },
      { type: 'finished', id: 'region', at: T0 + 1_000, durationMs: 1_000 },
      { type: 'started', id: 'server/cp-0', at: T0 + 1_000, attempt: 1 },
      { type: 'finished', id: 'server/cp-0', at: T0 + 3_000, durationMs: 2_000 },
    ]);
  });

  it('plain (not a TTY): timestamped lines, no escape codes even when colour is asked for, repeated progress collapsed', () => {
    const out = sink(false);
    const view = createProgressView({ json: false, stream: out.stream, color: true });
    view.onEvent({ type: 'started', id: 'server/worker-1', at: T0, attempt: 1 });
    view.onEvent({ type: 'progress', id: 'server/worker-1', at: T0 + 5_000, message: 'deploying' });
    view.onEvent({ type: 'progress', id: 'server/worker-1', at: T0 + 10_000, message: 'deploying' });
    view.onEvent({ type: 'retrying', id: 'talos/config/worker-1', at: T0 + 11_000, attempt: 2, delayMs: 4_000, error: 'Unavailable' });
    view.onEvent({ type: 'finished', id: 'server/worker-1', at: T0 + 70_000, durationMs: 70_000 });
    view.onEvent({ type: 'failed', id: 'talos/bootstrap', at: T0 + 80_000, error: 'etcd refused' });
    view.onEvent({ type: 'blocked', id: 'kubernetes/api', at: T0 + 80_000, by: 'talos/bootstrap' });
    view.close();
    expect(out.text()).toBe(
      [
        '2025-03-01T10:00:00.000Z server/worker-1: started',
        '2025-03-01T10:00:05.000Z server/worker-1: deploying',
        '2025-03-01T10:00:11.000Z talos/config/worker-1: retrying in 4s (attempt 2): Unavailable',
        '2025-03-01T10:01:10.000Z server/worker-1: done after 1m10s',
        '2025-03-01T10:01:20.000Z talos/bootstrap: failed: etcd refused',
        '2025-03-01T10:01:20.000Z kubernetes/api: not started, talos/bootstrap failed',
        '',
      ].join('\n'),
    );
  });

  it('TTY: one live line per running task with elapsed time, redrawn in place', () => {
    const out = sink(true);
    let now = T0;
    const view = createProgressView({ json: false, stream: out.stream, color: false, now: () => now });
    view.onEvent({ type: 'started', id: 'server/cp-0', at: T0, attempt: 1 });
    view.onEvent({ type: 'started', id: 'server/worker-1', at: T0, attempt: 1 });
    now = T0 + 70_000;
    view.onEvent({ type: 'progress', id: 'server/worker-1', at: now, message: 'deploying' });
    const beforeFinish = out.chunks.length;
    view.onEvent({ type: 'finished', id: 'server/cp-0', at: now, durationMs: 70_000 });
    view.close();
    // the last progress redraw: erase the two live lines, draw them again
    expect(out.chunks[beforeFinish - 1]).toBe(`${ESC}[2F${ESC}[Jserver/cp-0: running… [1m10s elapsed]\nserver/worker-1: deploying… [1m10s elapsed]\n`);
    // a finished task leaves a lasting line above the live block, which shrinks to the tasks still running
    expect(out.chunks[beforeFinish]).toBe(`${ESC}[2F${ESC}[Jserver/cp-0: done after 1m10s\nserver/worker-1: deploying… [1m10s elapsed]\n`);
    // close erases the live block
    expect(out.chunks.at(-1)).toBe(`${ESC}[1F${ESC}[J`);
    expect(out.text()).not.toMatch(/\x1b\[3\d?m/);
  });

  it('TTY: colours only when asked and NO_COLOR is unset; long lines are cut to the terminal width', () => {
    const coloured = sink(true);
    const v1 = createProgressView({ json: false, stream: coloured.stream, color: true, env: {} });
    v1.onEvent({ type: 'failed', id: 'platform/cilium', at: T0, error: 'rollout timed out' });
    v1.close();
    expect(coloured.text()).toContain(`${ESC}[31mplatform/cilium: failed: rollout timed out${ESC}[39m`);

    const noColor = sink(true);
    const v2 = createProgressView({ json: false, stream: noColor.stream, color: true, env: { NO_COLOR: '1' } });
    v2.onEvent({ type: 'failed', id: 'platform/cilium', at: T0, error: 'rollout timed out' });
    v2.onEvent({ type: 'started', id: 'storage/pool/a-very-long-worker-name-that-goes-on', at: T0, attempt: 1 });
    v2.onEvent({ type: 'progress', id: 'storage/pool/a-very-long-worker-name-that-goes-on', at: T0, message: 'waiting for the DiskPool to come online' });
    v2.close();
    expect(noColor.text()).not.toMatch(/\x1b\[\d+m/);
    const liveLines = noColor.text().split('\n').filter((l) => l.includes('storage/pool'));
    for (const l of liveLines) expect(l.replace(/\x1b\[\d*[FJ]/g, '').length).toBeLessThanOrEqual(59);
    expect(liveLines.at(-1)).toMatch(/…$/);
  });

  it('TTY: a live block taller than the screen is cut to fit, with a count of the rest', () => {
    const out = sink(true);
    const view = createProgressView({ json: false, stream: { ...out.stream, rows: 6 }, color: false, now: () => T0 });
    for (let i = 0; i < 10; i++) view.onEvent({ type: 'started', id: `server/worker-${i}`, at: T0, attempt: 1 });
    expect(out.chunks.at(-1)).toBe(
      `${ESC}[4F${ESC}[Jserver/worker-9: started\n` +
        ['server/worker-0', 'server/worker-1', 'server/worker-2'].map((id) => `${id}: running… [0s elapsed]\n`).join('') +
        '… and 7 more running\n',
    );
    view.close();
  });

  it('plain: a step waiting in one state is repeated at most every 30 s with its elapsed time; a change prints at once (virtual clock)', async () => {
    const out = sink(false);
    const clock = new FakeClock(T0);
    const view = plainView(out.stream, { now: () => clock.now(), every: fakeEvery(clock) });
    // A server that polls its deployment every second, as the Latitude deploy watch does: 20 s off, then 10 min deploying.
    const polling = (id: string, states: [string, number][]): WalkTask<string> => ({
      id,
      dependsOn: [],
      async run({ signal, progress }) {
        for (const [state, ms] of states) {
          for (let t = 0; t < ms; t += 1_000) {
            progress(state);
            await clock.sleep(1_000, signal);
          }
        }
        return id;
      },
    });
    await walk([polling('server/cp-0', [['off', 20_000], ['deploying', 600_000]]), sleeper(clock, 'platform/cilium', [], 95_000)], { parallelism: 2, clock, onEvent: view.onEvent });
    view.close();
    const lines = out.text().trimEnd().split('\n');
    const of = (id: string) => lines.filter((l) => l.includes(` ${id}: `)).map((l) => l.slice(25));
    expect(of('server/cp-0').slice(0, 5)).toEqual([
      'server/cp-0: started',
      'server/cp-0: off',
      'server/cp-0: deploying',
      'server/cp-0: deploying (50s elapsed)',
      'server/cp-0: deploying (1m20s elapsed)',
    ]);
    expect(of('server/cp-0').at(-1)).toBe('server/cp-0: done after 10m20s');
    // A step that reports nothing is reminded of by the timer.
    expect(of('platform/cilium')).toEqual([
      'platform/cilium: started',
      'platform/cilium: running (30s elapsed)',
      'platform/cilium: running (1m0s elapsed)',
      'platform/cilium: running (1m30s elapsed)',
      'platform/cilium: done after 1m35s',
    ]);
    // 620 s of waiting: started, two changes, a reminder per 30 s, done.
    expect(of('server/cp-0').length).toBeLessThanOrEqual(3 + Math.floor(620 / 30) + 1);
    for (const id of ['server/cp-0', 'platform/cilium']) {
      const times = lines.filter((l) => l.includes(` ${id}: `) && l.includes('elapsed')).map((l) => Date.parse(l.slice(0, 24)));
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('plain: the reminder timer stops at close', async () => {
    const out = sink(false);
    let now = T0;
    const view = plainView(out.stream, { now: () => now, quietMs: 20 });
    view.onEvent({ type: 'started', id: 'server/cp-0', at: T0, attempt: 1 });
    now = T0 + 65_000;
    await delay(60);
    view.close();
    expect(out.text()).toContain('2025-03-01T10:01:05.000Z server/cp-0: running (1m5s elapsed)\n');
    const count = out.chunks.length;
    now = T0 + 130_000;
    await delay(60);
    expect(out.chunks.length).toBe(count);
  });

  it('TTY: elapsed times tick while nothing else happens', async () => {
    const out = sink(true);
    let now = T0;
    const view = ttyView(out.stream, { color: false, now: () => now, tickMs: 10 });
    view.onEvent({ type: 'started', id: 'server/cp-0', at: T0, attempt: 1 });
    now = T0 + 65_000;
    await delay(40);
    view.close();
    expect(out.chunks).toContain(`${ESC}[1F${ESC}[Jserver/cp-0: running… [1m5s elapsed]\n`);
  });
});
