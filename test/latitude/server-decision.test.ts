import { describe, expect, it } from 'vitest';
import { talosIpxeScript } from '../../src/executors/latitude/ipxe.js';
import { belongsTo, desiredTags } from '../../src/executors/latitude/ownership.js';
import type { ServerOutput } from '../../src/executors/latitude/reads.js';
import { decide, toChange, type ServerDesired } from '../../src/executors/latitude/server-decision.js';

const VANILLA = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';
const desired: ServerDesired = {
  node: 'worker-1', hostname: 'demo-worker-1', role: 'worker', plan: 'c2-small-x86', billing: 'hourly', talosVersion: 'v1.13.9', schematic: VANILLA,
};
const ours: ServerOutput = {
  id: 'sv_1', hostname: 'demo-worker-1', ipv4: '127.0.10.2', status: 'on', site: 'MIA2', plan: 'c2-small-x86', locked: false,
  tags: ['cto-cluster-demo', 'cto-role-worker', 'cto-image-v1.13.9-376567988ad3'],
};

describe('server decision (pure)', () => {
  it('up to date is a no-op naming the server', () => {
    expect(toChange(decide(desired, ours, 'MIA2', 'demo'), desired, 'MIA2')).toEqual({
      action: 'noop', fields: [], reason: 'server sv_1 is on at MIA2 (127.0.10.2)',
    });
  });

  it('a server still deploying waits, unless its Talos API already answered (iPXE)', () => {
    const deploying = { ...ours, status: 'deploying' };
    expect(decide(desired, deploying, 'MIA2', 'demo').kind).toBe('wait');
    expect(toChange(decide(desired, { ...deploying, talos: 'configured' }, 'MIA2', 'demo'), desired, 'MIA2')).toEqual({
      action: 'noop', fields: [], reason: 'server sv_1 is deploying in Latitude but already runs Talos (configured) at MIA2 (127.0.10.2)',
    });
  });

  it('a new site or plan is a destructive replace with both fields', () => {
    const c = toChange(decide({ ...desired, plan: 'c3-small-x86' }, ours, 'DAL', 'demo'), desired, 'DAL');
    expect(c.action).toBe('replace');
    expect(c.destructive).toBe(true);
    expect(c.fields).toEqual([
      { path: 'plan', before: 'c2-small-x86', after: 'c3-small-x86' },
      { path: 'site', before: 'MIA2', after: 'DAL' },
    ]);
  });

  it('an unknown site (region not chosen yet) does not trigger a replace', () => {
    expect(decide(desired, ours, undefined, 'demo').kind).toBe('noop');
  });

  it('a new Talos version on a server running its installed config is recorded in place, never a reinstall (talos/upgrade upgrades it)', () => {
    const d = { ...desired, talosVersion: 'v1.14.0' };
    const c = toChange(decide(d, { ...ours, talos: 'configured' }, 'MIA2', 'demo'), d, 'MIA2');
    expect(c.action).toBe('update');
    expect(c.destructive).toBeUndefined();
    expect(c.reason).toContain('upgraded in place by talos/upgrade/worker-1');
    expect(c.fields).toEqual([{ path: 'tags', before: ours.tags, after: ['cto-cluster-demo', 'cto-role-worker', 'cto-image-v1.14.0-376567988ad3'] }]);
  });

  it('a new schematic is a destructive reinstall, not a replace', () => {
    const c = toChange(decide({ ...desired, schematic: 'ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515' }, ours, 'MIA2', 'demo'), desired, 'MIA2');
    expect(c).toMatchObject({ action: 'update', destructive: true });
    expect(c.fields).toEqual([{ path: 'talos.image', before: 'v1.13.9-376567988ad3', after: 'v1.13.9-ce4c980550dd' }]);
  });

  it('a server still deploying is waited for, any status name accepted', () => {
    const c = toChange(decide(desired, { ...ours, status: 'some_future_status' }, 'MIA2', 'demo'), desired, 'MIA2');
    expect(c).toMatchObject({ action: 'update', reason: 'server sv_1 is some_future_status: wait until it is on' });
    expect(c.destructive).toBeUndefined();
  });

  it('a missing server is created, with the site known after the region when not chosen yet', () => {
    const c = toChange(decide(desired, undefined, undefined, 'demo'), desired, undefined);
    expect(c.action).toBe('create');
    expect(c.fields).toContainEqual({ path: 'site', after: '(known after region)' });
  });

  it('moves billing up in place, and notes a downgrade it cannot make', () => {
    const withBilling = { ...ours, billing: 'hourly' };
    const up = toChange(decide({ ...desired, billing: 'monthly' }, withBilling, 'MIA2', 'demo'), desired, 'MIA2');
    expect(up).toEqual({
      action: 'update',
      reason: 'update server sv_1 in place: billing hourly → monthly',
      fields: [{ path: 'billing', before: 'hourly', after: 'monthly' }],
    });
    const down = toChange(decide(desired, { ...ours, billing: 'yearly' }, 'MIA2', 'demo'), desired, 'MIA2');
    expect(down).toMatchObject({ action: 'noop', notes: ['billing stays yearly: Latitude cannot move it down to hourly'] });
  });

  it('keeps the user\'s own tags and replaces only cto\'s', () => {
    expect(desiredTags(['team-x', 'cto-role-controlplane'], 'demo', 'worker', 'cto-image-a')).toEqual(['cto-cluster-demo', 'cto-role-worker', 'cto-image-a', 'team-x']);
  });

  it('owns by tag or by hostname prefix, not by a look-alike', () => {
    expect(belongsTo('demo', { hostname: 'demo-cp-0', tags: [] })).toBe(true);
    expect(belongsTo('demo', { hostname: 'renamed', tags: ['cto-cluster-demo'] })).toBe(true);
    expect(belongsTo('demo', { hostname: 'demos-cp-0', tags: ['cto-cluster-demos'] })).toBe(false);
    expect(belongsTo('demo', { hostname: 'demo-x-cp-0', tags: [] })).toBe(false);
    expect(belongsTo('demo', { hostname: 'demo-worker-3', tags: ['cto-cluster-other'] })).toBe(false);
  });

  it('boots Talos from the Image Factory in an iPXE script', () => {
    expect(talosIpxeScript('v1.13.9', VANILLA)).toBe(
      `#!ipxe\ndhcp\nchain --replace --autofree https://pxe.factory.talos.dev/pxe/${VANILLA}/v1.13.9/metal-\${buildarch}\n`,
    );
    expect(talosIpxeScript('1.12.0', VANILLA)).toContain('/v1.12.0/metal-');
  });
});
