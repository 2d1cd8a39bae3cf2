import type { kubernetesApi } from './kubernetes/api.js';
import type { firewallKind } from './latitude/firewall.js';
import type { networkKind } from './latitude/network.js';
import type { regionKind } from './latitude/region.js';
import type { serverKind } from './latitude/server.js';
import type { diskKind } from './storage/disk.js';
import type { StepKind } from './step-kind.js';
import type { talosConfig } from './talos/config.js';
import type { etcdSnapshot } from './talos/etcd-snapshot.js';

type OutputOf<K> = K extends StepKind<any, infer O> ? O : never;

/**
 * What a step leaves for its dependents, by address: the output type of the kind `compile` gives
 * that address. `ctx.outputOf(addr.server(node))` is typed from here, so a reader that expects
 * another shape than the kind returns does not compile. An address steps read nothing from is not
 * listed, so reading it does not compile either.
 */
export interface StepOutputs {
  region: OutputOf<typeof regionKind>;
  'kubernetes/api': OutputOf<typeof kubernetesApi>;
  network: OutputOf<typeof networkKind>;
  firewall: OutputOf<typeof firewallKind>;
  [server: `server/${string}`]: OutputOf<typeof serverKind>;
  [config: `talos/config/${string}`]: OutputOf<typeof talosConfig>;
  'etcd/snapshot': OutputOf<typeof etcdSnapshot>;
  [disk: `storage/disk/${string}`]: OutputOf<typeof diskKind>;
}
