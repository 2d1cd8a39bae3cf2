import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Cluster } from '../spec/types.gen.js';
import { etcdReplicaCount } from './mayastor-application.js';
import { positionOf, type TreeDocument } from './tree-documents.js';

/** Helm values Mayastor needs on Talos, as paths under `helm.valuesObject` and the value each must have. */
const TALOS_VALUES: { keys: string[]; want: unknown; why: string }[] = [
  {
    keys: ['mayastor', 'csi', 'node', 'initContainers', 'enabled'],
    want: false,
    why: 'its nvme-tcp probe never passes on Talos (the module is built in), so csi-node never starts',
  },
  { keys: ['engines', 'local', 'lvm', 'enabled'], want: false, why: 'the LVM engine needs lvm tools Talos does not ship' },
  { keys: ['engines', 'local', 'zfs', 'enabled'], want: false, why: 'the ZFS engine needs a kernel module Talos does not ship' },
  { keys: ['engines', 'replicated', 'mayastor', 'enabled'], want: true, why: 'without it no DiskPool or Mayastor volume can exist' },
];

/**
 * Warnings for a Mayastor application whose inline values (`helm.valuesObject`)
 * would not run on Talos or on this many workers. Values given as a string or
 * in value files are not read.
 */
export function checkMayastorValues(d: TreeDocument, sourceKeys: (string | number)[], spec: Cluster, name: string): Diagnostic[] {
  const base = [...sourceKeys, 'helm', 'valuesObject'];
  if (d.doc.getIn(base) === undefined) return [];
  const out: Diagnostic[] = [];
  for (const v of TALOS_VALUES) {
    const keys = [...base, ...v.keys];
    const actual = d.doc.getIn(keys);
    if (actual === v.want) continue;
    out.push({
      severity: 'warning',
      ...positionOf(d, keys),
      message: `application "${name}" sets ${v.keys.join('.')} to ${actual === undefined ? 'nothing (the chart default)' : JSON.stringify(actual)}; on Talos it must be ${JSON.stringify(v.want)}: ${v.why}`,
      hint: `set helm.valuesObject.${v.keys.join('.')}: ${JSON.stringify(v.want)}`,
    });
  }
  const etcdKeys = [...base, 'mayastor', 'etcd', 'replicaCount'];
  const replicas = d.doc.getIn(etcdKeys);
  const workers = spec.spec.nodes.workers.count;
  if (typeof replicas !== 'number' || replicas > workers) {
    const fit = etcdReplicaCount(workers);
    out.push({
      severity: 'warning',
      ...positionOf(d, etcdKeys),
      message: `application "${name}" runs ${typeof replicas === 'number' ? replicas : 'the chart default of 3'} Mayastor etcd members, but the spec has ${workers} worker(s); members beyond one per worker never schedule`,
      hint: `set helm.valuesObject.mayastor.etcd.replicaCount: ${fit}`,
    });
  }
  return out;
}
