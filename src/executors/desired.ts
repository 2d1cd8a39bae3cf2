import type { Step } from '../planner/step.js';
import type { appOfAppsKind } from './gitops/app-of-apps.js';
import type { syncKind } from './gitops/sync.js';
import type { kubeconfigMerge } from './kubeconfig/merge-step.js';
import type { kubeconfigUnmerge } from './kubeconfig/unmerge-step.js';
import type { kubernetesApi } from './kubernetes/api.js';
import type { kubernetesNode } from './kubernetes/node.js';
import type { kubernetesNodeRetire } from './kubernetes/node-retire.js';
import type { firewallKind, networkRetireKind } from './latitude/firewall.js';
import type { firewallPeersKind } from './latitude/firewall-peers.js';
import type { networkKind } from './latitude/network.js';
import type { networkAssignmentKind, networkAssignmentRetireKind } from './latitude/network-assignment.js';
import type { regionKind } from './latitude/region.js';
import type { serverKind } from './latitude/server.js';
import type { serverRetireKind } from './latitude/server-retire.js';
import type { argocdKind } from './platform/argocd.js';
import type { bootstrapKind } from './platform/bootstrap.js';
import type { ciliumKind } from './platform/cilium.js';
import type { localPathKind } from './platform/local-path.js';
import type { StepKind } from './step-kind.js';
import type { classKind } from './storage/class.js';
import type { diskKind } from './storage/disk.js';
import type { drivesKind } from './storage/drives.js';
import type { poolKind } from './storage/pool.js';
import type { poolRetireKind } from './storage/pool-retire.js';
import type { talosBootstrap } from './talos/bootstrap.js';
import type { talosConfig } from './talos/config.js';
import type { etcdSnapshot } from './talos/etcd-snapshot.js';
import type { kubernetesUpgrade } from './talos/kubernetes-upgrade.js';
import type { talosReset } from './talos/reset.js';
import type { talosSecrets } from './talos/secrets.js';
import type { talosUpgrade } from './talos/upgrade.js';

type DesiredOf<K> = K extends StepKind<infer D, any> ? D : never;

/**
 * What each step kind wants, by kind name: the desired type of the kind the registry loads under
 * that name. The planner builds desired values without the executors' types (it sits below them);
 * a reader of another step's desired value goes through `desiredOf`, typed from here, so a reader
 * that expects another shape than the kind takes does not compile. An address alone does not say
 * the type: a retired node's `server/<node>` is a `latitude.server.retire`.
 */
export interface KindDesired {
  'latitude.region': DesiredOf<typeof regionKind>;
  'latitude.server': DesiredOf<typeof serverKind>;
  'latitude.server.retire': DesiredOf<typeof serverRetireKind>;
  'latitude.network': DesiredOf<typeof networkKind>;
  'latitude.network.retire': DesiredOf<typeof networkRetireKind>;
  'latitude.network.assignment': DesiredOf<typeof networkAssignmentKind>;
  'latitude.network.assignment.retire': DesiredOf<typeof networkAssignmentRetireKind>;
  'latitude.firewall': DesiredOf<typeof firewallKind>;
  'latitude.firewall.peers': DesiredOf<typeof firewallPeersKind>;
  'talos.secrets': DesiredOf<typeof talosSecrets>;
  'talos.config': DesiredOf<typeof talosConfig>;
  'talos.bootstrap': DesiredOf<typeof talosBootstrap>;
  'talos.reset': DesiredOf<typeof talosReset>;
  'talos.etcd-snapshot': DesiredOf<typeof etcdSnapshot>;
  'talos.upgrade': DesiredOf<typeof talosUpgrade>;
  'kubernetes.api': DesiredOf<typeof kubernetesApi>;
  'kubernetes.node': DesiredOf<typeof kubernetesNode>;
  'kubernetes.node.retire': DesiredOf<typeof kubernetesNodeRetire>;
  'kubernetes.upgrade': DesiredOf<typeof kubernetesUpgrade>;
  'platform.cilium': DesiredOf<typeof ciliumKind>;
  'platform.bootstrap': DesiredOf<typeof bootstrapKind>;
  'platform.local-path': DesiredOf<typeof localPathKind>;
  'platform.argocd': DesiredOf<typeof argocdKind>;
  'gitops.app-of-apps': DesiredOf<typeof appOfAppsKind>;
  'gitops.sync': DesiredOf<typeof syncKind>;
  'storage.drives': DesiredOf<typeof drivesKind>;
  'storage.disk': DesiredOf<typeof diskKind>;
  'storage.pool': DesiredOf<typeof poolKind>;
  'storage.pool.retire': DesiredOf<typeof poolRetireKind>;
  'storage.class': DesiredOf<typeof classKind>;
  'kubeconfig.merge': DesiredOf<typeof kubeconfigMerge>;
  'kubeconfig.unmerge': DesiredOf<typeof kubeconfigUnmerge>;
}

/** Whether a step is of the kind named, with its desired value typed as that kind takes it. */
export function isKind<K extends keyof KindDesired>(step: Step, kind: K): step is Step<KindDesired[K]> {
  return step.kind === kind;
}

/** The desired value of step `id` if the graph has it as a step of `kind`. */
export function desiredOf<K extends keyof KindDesired>(steps: readonly Step[], id: string, kind: K): KindDesired[K] | undefined {
  const step = steps.find((s) => s.id === id);
  return step && isKind(step, kind) ? step.desired : undefined;
}
