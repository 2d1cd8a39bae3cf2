import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { TEST_ENV } from '../support/cli.js';

const spec = (talos: string, disk: string) => `apiVersion: cto.dev/v1alpha1
kind: Cluster
metadata: { name: disks }
spec:
  provider: { latitude: { project: p, apiKey: "\${env:LATITUDE_API_KEY}" } }
  region: { site: MIA2 }
  nodes: { controlPlane: { count: 1 }, workers: { count: 1, plan: c3-small-x86 } }
  talos: { installDisk: ${talos} }
  gitops: { repoURL: https://git.example/p.git }
  storage: { mayastor: { disk: ${disk}, replicas: 1 } }
`;

describe('disk fields of the spec', () => {
  it.each([
    ['/dev/nvme0n1', '/dev/disk/by-path/pci-0000:c1:00.0-nvme-1'],
    ['/dev/disk/by-path/pci-0000:c1:00.0-nvme-1', '/dev/nvme1n1'],
    ['{ type: ssd, size: ">= 400GB" }', '{ type: nvme, size: [">= 1TB", "<= 4TB"], model: "SAMSUNG*" }'],
    ['/dev/sda', '/dev/disk/by-id/nvme-SAMSUNG_MZQL21T9HCJR-00A07_S64GNE0R123456_1'],
  ])('install disk %s and Mayastor disk %s validate', (talos, disk) => {
    const r = loadSpec(spec(talos, disk), 'disks.yaml', TEST_ENV);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.spec!.cluster.spec.storage!.mayastor!.disk).toBeDefined();
  });

  it.each([
    ['/dev/nvme0n1', '{ type: floppy }', 'spec.storage.mayastor.disk'],
    ['/dev/nvme0n1', '{}', 'spec.storage.mayastor.disk'],
    ['{ size: "big" }', '/dev/nvme1n1', 'spec.talos.installDisk'],
    ['/dev/nvme0n1', '{ size: ">= 1 potato" }', 'spec.storage.mayastor.disk'],
  ])('install disk %s, Mayastor disk %s: refused at %s', (talos, disk, path) => {
    const r = loadSpec(spec(talos, disk), 'disks.yaml', TEST_ENV);
    expect(r.spec).toBeUndefined();
    expect(r.diagnostics.map((d) => d.path).join(' ')).toContain(path);
  });
});
