import { addr } from './address.js';
import type { ClusterNode } from './nodes.js';

export const upgradeStepId = addr.talosUpgrade;

/**
 * The rolling order of disruptive per-node steps, as dependencies: control planes one after
 * another, then workers in `maxUnavailable` lanes (worker i waits for worker i − maxUnavailable),
 * so at most that many workers are down at once and none before every control plane is done.
 * Pure: node → the upgrade steps it waits for.
 */
export function upgradeOrder(nodes: ClusterNode[], maxUnavailable: number): Map<string, string[]> {
  const lanes = Math.max(1, Math.floor(maxUnavailable));
  const cps = nodes.filter((n) => n.role === 'controlplane');
  const workers = nodes.filter((n) => n.role === 'worker');
  const out = new Map<string, string[]>();
  cps.forEach((n, i) => out.set(n.name, i === 0 ? [] : [upgradeStepId(cps[i - 1]!.name)]));
  const lastCp = cps.length ? [upgradeStepId(cps[cps.length - 1]!.name)] : [];
  workers.forEach((n, i) => out.set(n.name, i < lanes ? lastCp : [upgradeStepId(workers[i - lanes]!.name)]));
  return out;
}

/** How the rollout runs, in words, for the plan. */
export function describeOrder(nodes: ClusterNode[], maxUnavailable: number): string {
  const cps = nodes.filter((n) => n.role === 'controlplane').length;
  const workers = nodes.length - cps;
  return `control planes one at a time (${cps}), then workers${workers ? `, ${Math.min(maxUnavailable, workers)} at a time (${workers})` : ''}`;
}
