import { describe, expect, it } from 'vitest';
import { parseServiceList, type TalosService } from '../../src/clients/talos/services.js';
import { bootstrapReadiness } from '../../src/executors/talos/bootstrap-readiness.js';

describe('talosctl service', () => {
  it('reads the id, state and health of each row of the table', () => {
    const out = [
      'NODE         SERVICE      STATE       HEALTH   LAST CHANGE   LAST EVENT',
      '127.0.10.1   cri          Running     OK       12s ago       Health check successful',
      '127.0.10.1   etcd         Preparing   ?        11s ago       Running pre state',
      '127.0.10.1   kubelet      Waiting     ?        14s ago       Waiting for service "cri" to be "up"',
      '',
    ].join('\n');
    expect(parseServiceList(out)).toEqual([
      { id: 'cri', state: 'Running', health: 'OK' },
      { id: 'etcd', state: 'Preparing', health: '?' },
      { id: 'kubelet', state: 'Waiting', health: '?' },
    ]);
    expect(() => parseServiceList('ID  STATE\netcd Running\n')).toThrow(/unexpected header/);
  });
});

describe('when the bootstrap node takes talosctl bootstrap', () => {
  const services = (cri: [string, string], etcd?: string): TalosService[] => [
    { id: 'cri', state: cri[0], health: cri[1] },
    ...(etcd ? [{ id: 'etcd', state: etcd, health: etcd === 'Running' ? 'OK' : '?' }] : []),
  ];

  it('bootstraps once the CRI is up and etcd waits to join (or gave up waiting)', () => {
    expect(bootstrapReadiness(services(['Running', 'OK'], 'Preparing'))).toEqual({ action: 'bootstrap', message: 'etcd is Preparing' });
    expect(bootstrapReadiness(services(['Running', 'OK'], 'Failed'))).toMatchObject({ action: 'bootstrap' });
  });

  it('waits while the CRI is not up: machined would answer FailedPrecondition', () => {
    expect(bootstrapReadiness(services(['Waiting', '?'], 'Waiting'))).toEqual({ action: 'wait', message: 'waiting for the CRI (cri Waiting, health ?)' });
    expect(bootstrapReadiness(services(['Running', 'Fail'], 'Preparing'))).toMatchObject({ action: 'wait' });
    expect(bootstrapReadiness([])).toEqual({ action: 'wait', message: 'waiting for the CRI (cri not loaded yet)' });
  });

  it('waits while etcd is on its way (its conditions, a bootstrap replacing it) and is done once it runs', () => {
    expect(bootstrapReadiness(services(['Running', 'OK'], 'Waiting'))).toEqual({ action: 'wait', message: 'etcd is Waiting' });
    expect(bootstrapReadiness(services(['Running', 'OK'], 'Finished'))).toMatchObject({ action: 'wait' });
    expect(bootstrapReadiness(services(['Running', 'OK']))).toEqual({ action: 'wait', message: 'etcd is not loaded yet' });
    expect(bootstrapReadiness(services(['Running', 'OK'], 'Running'))).toEqual({ action: 'done', message: 'etcd is running' });
  });
});
