import { describe, expect, it } from 'vitest';
import {
  commonPatch,
  controlPlanePatch,
  hostnamePatch,
  installerImage,
  mergePatches,
  nodePatches,
  storagePatch,
  withHugepages,
  withHugepagesCount,
  withMayastorReady,
} from '../../src/executors/talos/patches.js';
import { loadExample } from '../support/specs.js';

const sysctl = (p: Record<string, any>) => p.machine?.sysctls?.['vm.nr_hugepages'];

describe('HugePages builders (the original installer tests)', () => {
  it('test_hugepages_config: with_hugepages() sets 1024 pages as a string', () => {
    const p = withHugepages();
    expect(sysctl(p)).toBe('1024');
    expect(typeof sysctl(p)).toBe('string');
  });

  it('test_hugepages_custom_count: with_hugepages_count(2048)', () => {
    expect(sysctl(withHugepagesCount(2048))).toBe('2048');
    expect(sysctl(withHugepagesCount(0))).toBe('0');
    expect(() => withHugepagesCount(-1)).toThrow(RangeError);
    expect(() => withHugepagesCount(1.5)).toThrow(RangeError);
  });

  it('test_mayastor_ready_config: CNI none, kube-proxy off, and HugePages', () => {
    const p = withMayastorReady() as any;
    expect(p.cluster.network.cni.name).toBe('none');
    expect(p.cluster.proxy.disabled).toBe(true);
    expect(sysctl(p)).toBe('1024');
    expect(sysctl(withMayastorReady(4096))).toBe('4096');
  });
});

describe('spec patches', () => {
  const spec = loadExample('two-node.yaml').cluster;

  it('every node: Cilium networking, KubePrism on 7445, the spec CIDRs', () => {
    const p = commonPatch(spec) as any;
    expect(p.cluster.network).toEqual({ cni: { name: 'none' }, podSubnets: ['10.244.0.0/16'], serviceSubnets: ['10.96.0.0/12'] });
    expect(p.cluster.proxy).toEqual({ disabled: true });
    expect(p.machine.features.kubePrism).toEqual({ enabled: true, port: 7445 });
  });

  it('custom CIDRs come from the spec', () => {
    const custom = loadExample('two-node.yaml', (t) => t.replace('podCIDR: 10.244.0.0/16', 'podCIDR: 10.50.0.0/16')).cluster;
    expect((commonPatch(custom) as any).cluster.network.podSubnets).toEqual(['10.50.0.0/16']);
  });

  it('control planes exempt openebs from PodSecurity', () => {
    const ac = (controlPlanePatch() as any).cluster.apiServer.admissionControl;
    expect(ac).toHaveLength(1);
    expect(ac[0].name).toBe('PodSecurity');
    expect(ac[0].configuration.exemptions.namespaces).toEqual(['openebs']);
  });

  it('storage nodes: HugePages string, mayastor label', () => {
    const p = storagePatch(2048) as any;
    expect(sysctl(p)).toBe('2048');
    expect(p.machine.nodeLabels).toEqual({ 'openebs.io/engine': 'mayastor' });
    expect(sysctl(storagePatch(0))).toBeUndefined();
  });

  it('every node, with Mayastor or without, has /var/local bind-mounted rshared rw into the kubelet for local-path volumes', () => {
    const mount = { destination: '/var/local', type: 'bind', source: '/var/local', options: ['bind', 'rshared', 'rw'] };
    const example = loadExample('two-node.yaml').cluster;
    const noMayastor = { ...example, spec: { ...example.spec, storage: {} } };
    for (const role of ['controlplane', 'worker'] as const) {
      const patches = nodePatches(noMayastor, { node: `${role}-0`, hostname: `c-${role}-0`, role, storage: false });
      const mounts = patches.flatMap((p: any) => p.machine?.kubelet?.extraMounts ?? []);
      expect(mounts, role).toEqual([mount]);
    }
  });

  it('an install disk selector becomes machine.install.diskSelector, a path stays with gen config', () => {
    const example = loadExample('two-node.yaml').cluster;
    const withSelector = { ...example, spec: { ...example.spec, talos: { ...example.spec.talos, installDisk: { type: 'ssd' as const, size: '>= 400GB', busPath: '/pci0000:00/*' } } } };
    expect((commonPatch(withSelector) as any).machine.install).toEqual({ diskSelector: { size: '>= 400GB', type: 'ssd', busPath: '/pci0000:00/*' } });
    expect((commonPatch(example) as any).machine.install).toBeUndefined();
  });

  it('hostname: HostnameConfig document from the v1.12 contract, machine.network.hostname before', () => {
    expect(hostnamePatch('v1.13.9', 'c-cp-0')).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'off', hostname: 'c-cp-0' });
    expect(hostnamePatch('v1.12.0', 'c-cp-0')).toMatchObject({ kind: 'HostnameConfig' });
    expect(hostnamePatch('v1.9.6', 'c-cp-0')).toEqual({ machine: { network: { hostname: 'c-cp-0' } } });
  });

  it('node patches: role and storage decide which patches apply; user patches come last in order', () => {
    const withUser = loadExample('two-node.yaml', (t) =>
      t.replace(
        '    hugepages: 1024\n',
        '    hugepages: 1024\n    patches:\n      all: [{ machine: { time: { disabled: false } } }]\n      controlPlane: [{ cluster: { allowSchedulingOnControlPlanes: true } }]\n      workers: [{ machine: { kubelet: { extraArgs: { max-pods: "250" } } } }]\n',
      ),
    ).cluster;
    const cp = nodePatches(withUser, { node: 'cp-0', hostname: 'cto-prod-cp-0', role: 'controlplane', storage: false });
    const worker = nodePatches(withUser, { node: 'worker-0', hostname: 'cto-prod-worker-0', role: 'worker', storage: true });
    expect(cp.some((p) => sysctl(p))).toBe(false);
    expect(cp.at(-2)).toEqual({ machine: { time: { disabled: false } } });
    expect(cp.at(-1)).toEqual({ cluster: { allowSchedulingOnControlPlanes: true } });
    expect(worker.some((p) => (p as any).cluster?.apiServer)).toBe(false);
    expect(worker.map(sysctl).filter(Boolean)).toEqual(['1024']);
    expect(worker.at(-1)).toEqual({ machine: { kubelet: { extraArgs: { 'max-pods': '250' } } } });
    expect(worker).toContainEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', auto: 'off', hostname: 'cto-prod-worker-0' });
  });

  it('installer image uses the spec schematic and Talos version', () => {
    expect(installerImage(spec)).toBe('factory.talos.dev/installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.13.9');
  });

  it('mergePatches deep-merges without sharing structure with its inputs', () => {
    const a = { machine: { sysctls: { a: '1' } }, list: [1] };
    const merged = mergePatches(a, { machine: { sysctls: { b: '2' } }, list: [2] }) as any;
    expect(merged).toEqual({ machine: { sysctls: { a: '1', b: '2' } }, list: [1, 2] });
    merged.machine.sysctls.c = '3';
    expect(a.machine.sysctls).toEqual({ a: '1' });
  });
});
