import { compareVersions, formatTalosVersion, parseTalosVersion, type TalosVersion } from '../../clients/talos/version.js';

/**
 * The newest patch of each Talos minor cto knows. Talos' upgrade notes ask for the latest patch of
 * the running minor before the next minor, one minor at a time; a route through a minor missing
 * here is refused rather than guessed. Read from the release tags of github.com/siderolabs/talos
 * (`git tag`, alpha/beta/rc left out) on 2026-12-08; the mirror's newest tag was v1.14.0-rc.1, so v1.14 has no
 * release yet. Tag dates: v1.9.6 2025-05-05, v1.10.9 2025-12-23, v1.11.6 2025-12-16, v1.12.11 2026-08-05,
 * v1.13.9 2026-08-18. A newer patch of these minors means updating this table (the route would otherwise stop
 * at an older patch, which Talos still upgrades from).
 */
export const TALOS_LATEST_PATCH: Readonly<Record<string, string>> = {
  'v1.9': 'v1.9.6',
  'v1.10': 'v1.10.9',
  'v1.11': 'v1.11.6',
  'v1.12': 'v1.12.11',
  'v1.13': 'v1.13.9',
};

/**
 * Kubernetes minors each Talos minor runs, from Talos' machinery `pkg/machinery/compatibility/talos1NN/talos1NN.go`
 * at tag v1.13.9: `MinimumKubernetesVersion` … `MaximumKubernetesVersion` (checked against the mirror 2026-12-08).
 */
export const TALOS_KUBERNETES_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  'v1.9': [27, 32],
  'v1.10': [28, 33],
  'v1.11': [29, 34],
  'v1.12': [30, 35],
  'v1.13': [31, 36],
};

export type PathResult = { ok: true; hops: string[]; downgrade: boolean } | { ok: false; reason: string; hint: string };

const minorKey = (v: TalosVersion) => `v${v.major}.${v.minor}`;

/**
 * The Talos releases a node goes through from `from` to `to` (`to` last; empty when equal): the
 * latest patch of the running minor, then of each minor in between. A downgrade is one hop, and
 * flagged: it is refused unless destruction is allowed.
 */
export function talosPath(fromTag: string, toTag: string): PathResult {
  const from = parseTalosVersion(fromTag);
  const to = parseTalosVersion(toTag);
  if (!from || !to) return { ok: false, reason: `cannot read Talos version ${!from ? fromTag : toTag}`, hint: 'spec.talos.version is vMAJOR.MINOR.PATCH' };
  const order = compareVersions(from, to);
  if (order === 0) return { ok: true, hops: [], downgrade: false };
  if (from.major !== to.major) return { ok: false, reason: `Talos ${fromTag} → ${toTag} changes the major version`, hint: 'follow the Talos upgrade notes by hand' };
  if (order > 0) return { ok: true, hops: [formatTalosVersion(to)], downgrade: true };
  const hops: string[] = [];
  let at = from;
  for (let minor = from.minor; minor < to.minor; minor++) {
    const key = minorKey({ ...from, minor });
    const latest = TALOS_LATEST_PATCH[key];
    if (!latest) {
      return {
        ok: false,
        reason: `Talos ${fromTag} → ${toTag} goes through ${key}, whose latest patch cto does not know`,
        hint: `set spec.talos.version to the latest ${key}.x release first, apply, then to ${toTag}`,
      };
    }
    const stop = parseTalosVersion(latest)!;
    if (compareVersions(at, stop) < 0) hops.push(latest);
    at = stop;
  }
  hops.push(formatTalosVersion(to));
  return { ok: true, hops, downgrade: false };
}

/** Kubernetes versions take the same `[v]MAJOR.MINOR.PATCH` form as Talos tags. */
const parseKubernetesVersion = parseTalosVersion;

/**
 * Kubernetes moves one minor at a time (`talosctl upgrade-k8s` refuses other paths:
 * `pkg/cluster/kubernetes/upgrade` `Path.IsSupported`) and never back.
 */
export function kubernetesPath(from: string, to: string): PathResult {
  const a = parseKubernetesVersion(from);
  const b = parseKubernetesVersion(to);
  if (!a || !b) return { ok: false, reason: `cannot read Kubernetes version ${!a ? from : to}`, hint: 'spec.talos.kubernetesVersion is MAJOR.MINOR.PATCH' };
  const order = compareVersions(a, b);
  if (order === 0) return { ok: true, hops: [], downgrade: false };
  if (order > 0 || a.major !== b.major) {
    return { ok: false, reason: `Kubernetes ${from} → ${to} is a downgrade, which Kubernetes does not support`, hint: `set spec.talos.kubernetesVersion back to ${from} or newer` };
  }
  if (b.minor - a.minor > 1) {
    return {
      ok: false,
      reason: `Kubernetes ${from} → ${to} skips minor ${a.major}.${a.minor + 1}: Kubernetes upgrades one minor at a time`,
      hint: `set spec.talos.kubernetesVersion to a ${a.major}.${a.minor + 1}.x release first, apply, then to ${to}`,
    };
  }
  return { ok: true, hops: [to], downgrade: false };
}

/** Whether a Talos release runs a Kubernetes version (Talos' compatibility table); unknown minors pass. */
export function talosRunsKubernetes(talosTag: string, kubernetes: string): boolean {
  const t = parseTalosVersion(talosTag);
  const k = parseKubernetesVersion(kubernetes);
  if (!t || !k) return false;
  const range = TALOS_KUBERNETES_RANGE[minorKey(t)];
  return range === undefined || (k.minor >= range[0] && k.minor <= range[1]);
}
