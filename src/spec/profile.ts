import type { Cluster } from './types.gen.js';

type Profile = Cluster['spec']['profile'];

/** What each profile fills in when the spec leaves a value out (documented in the schema's `profile`). */
export const PROFILE_DEFAULTS: Record<Profile, { hugepages: number; replicas: number; syncTimeout: string }> = {
  standard: { hugepages: 1024, replicas: 2, syncTimeout: '30m' },
  minimal: { hugepages: 1024, replicas: 1, syncTimeout: '15m' },
  production: { hugepages: 2048, replicas: 3, syncTimeout: '45m' },
};

/** Fills the `x-profile-default` fields in place; runs after ajv has applied the schema defaults. */
export function applyProfile(spec: Cluster): void {
  const d = PROFILE_DEFAULTS[spec.spec.profile];
  spec.spec.talos.hugepages ??= d.hugepages;
  if (spec.spec.gitops) spec.spec.gitops.syncTimeout ??= d.syncTimeout;
  if (spec.spec.storage?.mayastor) spec.spec.storage.mayastor.replicas ??= d.replicas;
}
