import { describe, expect, it } from 'vitest';
import { configChangeNotes, diffMachineConfigs, isSensitivePath } from '../../src/executors/talos/config-diff.js';

const config = (hugepages: string, extra = '') => `version: v1alpha1
machine:
  type: worker
  token: abcdef.0123456789abcdef
  ca:
    crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    key: ""
  sysctls:
    vm.nr_hugepages: "${hugepages}"
  nodeLabels:
    openebs.io/engine: mayastor
  install:
    disk: /dev/nvme0n1
${extra}cluster:
  network:
    podSubnets:
      - 10.244.0.0/16
---
apiVersion: v1alpha1
kind: HostnameConfig
auto: "off"
hostname: c-worker-0
`;

describe('diffMachineConfigs', () => {
  it('no drift between identical configs, whatever the formatting', () => {
    const a = config('1024');
    const b = a.replace('podSubnets:\n      - 10.244.0.0/16', 'podSubnets: [10.244.0.0/16]');
    expect(diffMachineConfigs(a, b)).toEqual([]);
  });

  it('an empty section and a missing one are the same (Talos v1.12 writes `machine.network: {}`, v1.13 does not)', () => {
    expect(diffMachineConfigs('version: v1alpha1\nmachine:\n  network: {}\n  type: worker\n', 'version: v1alpha1\nmachine:\n  type: worker\n')).toEqual([]);
  });

  it('a HugePages change is one field with before and after', () => {
    expect(diffMachineConfigs(config('1024'), config('2048'))).toEqual([
      { path: 'machine.sysctls.vm.nr_hugepages', before: '1024', after: '2048' },
    ]);
  });

  it('key material is reported as a sensitive field without values', () => {
    const rotated = config('1024').replace('abcdef.0123456789abcdef', 'zzzzzz.9999999999999999');
    const fields = diffMachineConfigs(config('1024'), rotated);
    expect(fields).toEqual([{ path: 'machine.token', sensitive: true }]);
    expect(JSON.stringify(fields)).not.toContain('0123456789abcdef');
  });

  it('other documents are matched by kind', () => {
    const renamed = config('1024').replace('hostname: c-worker-0', 'hostname: c-worker-9');
    expect(diffMachineConfigs(config('1024'), renamed)).toEqual([{ path: 'HostnameConfig.hostname', before: 'c-worker-0', after: 'c-worker-9' }]);
  });

  it('added and removed fields have only after or before', () => {
    const withDisk = config('1024', '  kernel:\n    modules:\n      - name: nvme_tcp\n');
    expect(diffMachineConfigs(config('1024'), withDisk)).toEqual([{ path: 'machine.kernel.modules[0].name', after: 'nvme_tcp' }]);
    expect(diffMachineConfigs(withDisk, config('1024'))).toEqual([{ path: 'machine.kernel.modules[0].name', before: 'nvme_tcp' }]);
  });

  it.each([
    ['machine.token', true],
    ['machine.ca.key', true],
    ['cluster.secretboxEncryptionSecret', true],
    ['cluster.serviceAccount.key', true],
    ['cluster.etcd.ca.crt', true],
    ['machine.certSANs', false],
    ['machine.sysctls.vm.nr_hugepages', false],
    ['machine.install.disk', false],
  ])('isSensitivePath(%s) = %s', (path, sensitive) => {
    expect(isSensitivePath(path)).toBe(sensitive);
  });
});

describe('configChangeNotes', () => {
  it('HugePages: kubelet must restart, node may reboot', () => {
    const notes = configChangeNotes([{ path: 'machine.sysctls.vm.nr_hugepages', before: '1024', after: '2048' }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/node may reboot/);
  });

  it('live fields (labels) need no reboot; install or kernel changes do', () => {
    expect(configChangeNotes([{ path: 'machine.nodeLabels.openebs.io/engine', after: 'mayastor' }])).toEqual([]);
    expect(configChangeNotes([{ path: 'machine.kernel.modules[0].name', after: 'nvme_tcp' }])[0]).toMatch(/reboot/);
  });
});
