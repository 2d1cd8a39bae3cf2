import { isUp, type TalosService } from '../../clients/talos/services.js';

export type BootstrapReadiness = { action: 'done'; message: string } | { action: 'bootstrap'; message: string } | { action: 'wait'; message: string };

/**
 * Whether the bootstrap node can take `talosctl bootstrap` now, from its services (Talos v1.13.9):
 * - etcd Running: the node is a member already (bootstrapped earlier, or joined).
 * - the CRI not up: machined refuses with FailedPrecondition (Runtime.IsBootstrapAllowed).
 * - etcd Preparing: its PreFunc loops waiting to join (services/etcd.go buildInitialCluster), which is
 *   what bootstrap ends; Failed: that loop gave up (EtcdJoinTimeout, 30 min), and BootstrapEtcd
 *   replaces the service just the same.
 * - anything else (Waiting for its conditions, Finished while a bootstrap replaces it): not yet.
 */
export function bootstrapReadiness(services: TalosService[]): BootstrapReadiness {
  const etcd = services.find((s) => s.id === 'etcd');
  const cri = services.find((s) => s.id === 'cri');
  if (etcd?.state === 'Running') return { action: 'done', message: 'etcd is running' };
  if (!isUp(cri)) return { action: 'wait', message: `waiting for the CRI (cri ${cri ? `${cri.state}, health ${cri.health}` : 'not loaded yet'})` };
  if (etcd?.state === 'Preparing' || etcd?.state === 'Failed') return { action: 'bootstrap', message: `etcd is ${etcd.state}` };
  return { action: 'wait', message: `etcd is ${etcd?.state ?? 'not loaded yet'}` };
}
