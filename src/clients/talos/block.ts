import type { TalosResource } from './resources.js';
import type { Talosctl } from './talosctl.js';

/**
 * A node's disk as Talos reports it (`talosctl get disks`, the `Disks.block.talos.dev` resource:
 * pkg/machinery/resources/block/disk.go `DiskSpec` at v1.13.9).
 */
export interface NodeDisk {
  /** Resource id, the kernel name without /dev (`nvme0n1`). */
  id: string;
  devPath: string;
  size: number;
  model: string;
  serial: string;
  wwid: string;
  busPath: string;
  transport: string;
  rotational: boolean;
  readonly: boolean;
  cdrom: boolean;
  /** Every `/dev/disk/*` link udev made for the disk, sorted (Talos' SymlinksController). */
  symlinks: string[];
}

/** A partition or filesystem Talos found (`DiscoveredVolumes.block.talos.dev`, discovered_volume.go). */
export interface NodeVolume {
  id: string;
  /** The disk a partition belongs to (its resource id); empty for a whole disk. */
  parent: string;
  partitionLabel: string;
}

export interface NodeBlockDevices {
  disks: NodeDisk[];
  volumes: NodeVolume[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function nodeDisk(r: TalosResource): NodeDisk {
  const s = (r.spec ?? {}) as Record<string, unknown>;
  const id = r.metadata.id ?? str(s.dev_path).replace(/^\/dev\//, '');
  return {
    id,
    devPath: str(s.dev_path) || `/dev/${id}`,
    size: typeof s.size === 'number' ? s.size : Number(s.size ?? 0) || 0,
    model: str(s.model),
    serial: str(s.serial),
    wwid: str(s.wwid),
    busPath: str(s.bus_path),
    transport: str(s.transport),
    rotational: s.rotational === true,
    readonly: s.readonly === true,
    cdrom: s.cdrom === true,
    symlinks: Array.isArray(s.symlinks) ? s.symlinks.filter((x): x is string => typeof x === 'string') : [],
  };
}

export function nodeVolume(r: TalosResource): NodeVolume {
  const s = (r.spec ?? {}) as Record<string, unknown>;
  return { id: r.metadata.id ?? '', parent: str(s.parent), partitionLabel: str(s.partition_label) };
}

/** The node's disks and discovered volumes, in maintenance mode or with the cluster's talosconfig. */
export async function readBlockDevices(talosctl: Talosctl, ip: string, how: { insecure: boolean }): Promise<NodeBlockDevices> {
  const [disks, volumes] = await Promise.all([talosctl.resources(ip, 'disks', how), talosctl.resources(ip, 'discoveredvolumes', how)]);
  return { disks: disks.map(nodeDisk), volumes: volumes.map(nodeVolume) };
}
