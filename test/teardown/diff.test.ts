import { describe, expect, it } from 'vitest';
import type { PodRef } from '../../src/clients/kube/drain.js';
import { serverRetireChange } from '../../src/executors/latitude/server-retire.js';
import { poolRetireChange } from '../../src/executors/storage/pool-retire.js';
import { nodeRetireChange, podsToEvict } from '../../src/executors/kubernetes/node-retire.js';
import { resetChange } from '../../src/executors/talos/reset.js';

const worker = { node: 'worker-1', hostname: 'cto-prod-worker-1' };

describe('teardown diffs', () => {
  it('storage.pool.retire deletes a pool (noting replicas) and is a no-op once it is gone', () => {
    const present = poolRetireChange(worker, { state: 'present', value: { name: 'pool-cto-prod-worker-1', apiVersion: 'openebs.io/v1beta3', used: 0 } });
    expect(present).toEqual({ action: 'delete', fields: [], reason: 'node worker-1 left the spec: remove its DiskPool', destructive: true });
    const used = poolRetireChange(worker, { state: 'present', value: { name: 'pool-cto-prod-worker-1', apiVersion: 'openebs.io/v1beta3', used: 4096 } });
    expect(used.notes).toEqual(['DiskPool pool-cto-prod-worker-1 holds 4096 bytes of replicas: apply refuses until its volumes are moved or deleted']);
    expect(poolRetireChange(worker, { state: 'absent' })).toMatchObject({ action: 'noop', reason: 'no DiskPool pool-cto-prod-worker-1' });
    expect(poolRetireChange(worker, { state: 'unknown', reason: 'known after kubernetes/api is applied' })).toMatchObject({ action: 'delete', destructive: true, reason: 'node worker-1 left the spec: remove its DiskPool (known after kubernetes/api is applied)' });
  });

  it('kubernetes.node.retire cordons, drains and deletes a present Node, and is a no-op once it is gone', () => {
    expect(nodeRetireChange(worker.hostname, { state: 'present', value: { name: worker.hostname, unschedulable: false } })).toMatchObject({ action: 'delete', destructive: true, reason: 'cordon, drain and delete Node cto-prod-worker-1' });
    expect(nodeRetireChange(worker.hostname, { state: 'absent' })).toMatchObject({ action: 'noop', reason: 'Node cto-prod-worker-1 is gone' });
    // cto destroy: every node goes at once, so nothing is evicted.
    expect(nodeRetireChange(worker.hostname, { state: 'present', value: { name: worker.hostname, unschedulable: false } }, false)).toEqual({ action: 'delete', fields: [], reason: 'cordon and delete Node cto-prod-worker-1 (the whole cluster goes: no drain)', destructive: true });
    // A dependency being deleted first leaves the Node unknown at plan time: the plan still shows the delete.
    expect(nodeRetireChange(worker.hostname, { state: 'unknown', reason: 'known after storage/pool/worker-1 is applied' })).toMatchObject({ action: 'delete', destructive: true });
  });

  it('a drain evicts every pod but DaemonSet and mirror pods, terminating ones included in the wait', () => {
    const pod = (name: string, extra: Partial<PodRef> = {}): PodRef => ({ namespace: 'apps', name, ownerKinds: ['ReplicaSet'], mirror: false, deleting: false, ...extra });
    const pods = [pod('web'), pod('cilium-x', { ownerKinds: ['DaemonSet'] }), pod('kube-apiserver-cp', { ownerKinds: ['Node'], mirror: true }), pod('bare', { ownerKinds: [] }), pod('leaving', { deleting: true })];
    expect(podsToEvict(pods).map((p) => p.name)).toEqual(['web', 'bare', 'leaving']);
  });

  it('talos.reset resets a configured node, skips one in maintenance, and says so when the node does not answer', () => {
    const at = (mode: 'maintenance' | 'configured' | 'unreachable', detail?: string) => ({ state: 'present' as const, value: { address: '127.0.0.5', mode, ...(detail ? { detail } : {}) } });
    expect(resetChange(worker.hostname, at('configured'))).toEqual({ action: 'delete', fields: [], reason: 'reset Talos on cto-prod-worker-1: wipes its disks', destructive: true });
    expect(resetChange(worker.hostname, at('maintenance'))).toMatchObject({ action: 'noop', reason: 'already reset (maintenance mode)' });
    expect(resetChange(worker.hostname, { state: 'absent' })).toMatchObject({ action: 'noop', reason: 'no server cto-prod-worker-1: nothing to reset' });
    const silent = resetChange(worker.hostname, at('unreachable', 'connection refused'));
    expect(silent).toMatchObject({ action: 'delete', destructive: true });
    expect(silent.notes?.[0]).toMatch(/^its Talos API does not answer now \(connection refused\)/);
  });

  it('latitude.server.retire deletes the server by id and is a no-op once it is gone', () => {
    const server = { id: 'sv_42', hostname: worker.hostname, ipv4: '127.0.0.5', status: 'on', site: 'MIA2', plan: 'c2-small-x86', tags: ['cto-cluster-cto-prod'], locked: false };
    expect(serverRetireChange(worker.hostname, { state: 'present', value: server })).toEqual({ action: 'delete', fields: [], reason: 'delete server cto-prod-worker-1 (sv_42)', destructive: true });
    expect(serverRetireChange(worker.hostname, { state: 'present', value: { ...server, locked: true } }).notes).toEqual(['server sv_42 is locked in Latitude: unlock it there or the delete is refused']);
    expect(serverRetireChange(worker.hostname, { state: 'absent' })).toMatchObject({ action: 'noop' });
  });
});
