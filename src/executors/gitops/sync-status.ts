import type { KubeObject } from '../../clients/kube/object.js';
import type { PollCheck } from '../../time/poll.js';

/** The status fields Argo CD writes on an Application that tell whether it is done. */
export interface AppStatus {
  name: string;
  sync?: string;
  health?: string;
  healthMessage?: string;
  phase?: string;
  operationMessage?: string;
  /** `ComparisonError: rpc error…`, `InvalidSpecError: …`: conditions that do not go away by waiting. */
  errors: string[];
  /**
   * The status is of another source than the spec names now (Argo CD has not compared the new
   * revision or path yet), so it says nothing about whether the app is done.
   */
  stale: boolean;
  /**
   * What Argo CD reports as not Healthy among the app's resources, other than Applications (those are
   * children, listed by name): `Deployment web/api Progressing: Waiting for rollout to finish…`.
   * Argo CD 3 writes resource health into the Application only with `controller.resource.health.persist`.
   */
  unhealthy: string[];
  /** The Applications among the app's resources: an app-of-apps' children, by name. */
  apps: string[];
}

interface ResourceStatus {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  health?: { status?: string; message?: string };
}

const ERROR_CONDITIONS = new Set(['ComparisonError', 'InvalidSpecError']);

export function appStatus(app: KubeObject): AppStatus {
  const s = (app.status ?? {}) as {
    sync?: { status?: string };
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string };
    conditions?: { type: string; message?: string }[];
    resources?: ResourceStatus[];
  };
  const spec = (app.spec ?? {}) as { source?: unknown; sources?: unknown };
  const compared = (s.sync as { comparedTo?: { source?: unknown; sources?: unknown } } | undefined)?.comparedTo;
  return {
    name: app.metadata.name,
    ...(s.sync?.status ? { sync: s.sync.status } : {}),
    ...(s.health?.status ? { health: s.health.status } : {}),
    ...(s.health?.message ? { healthMessage: s.health.message } : {}),
    ...(s.operationState?.phase ? { phase: s.operationState.phase } : {}),
    ...(s.operationState?.message ? { operationMessage: s.operationState.message } : {}),
    errors: (s.conditions ?? []).filter((c) => ERROR_CONDITIONS.has(c.type)).map((c) => `${c.type}: ${c.message ?? ''}`.trim()),
    stale: compared !== undefined && canonical({ source: compared.source, sources: compared.sources }) !== canonical({ source: spec.source, sources: spec.sources }),
    unhealthy: (s.resources ?? [])
      .filter((r) => r.kind !== 'Application' && r.health?.status !== undefined && r.health.status !== 'Healthy')
      .map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${r.health!.status}${r.health!.message ? `: ${r.health!.message}` : ''}`),
    apps: (s.resources ?? []).filter((r) => r.group === 'argoproj.io' && r.kind === 'Application' && r.name).map((r) => r.name!),
  };
}

/** JSON with object keys sorted and empty values dropped, so that equal sources compare equal. */
function canonical(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v)
      .map(([k, x]) => [k, norm(x)] as const)
      .filter(([, x]) => x !== undefined && x !== '' && !(typeof x === 'object' && x !== null && Object.keys(x).length === 0));
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  };
  return JSON.stringify(norm(value)) ?? '';
}

/** Done = Synced ∧ Healthy ∧ (no operation or it Succeeded), as Argo CD's own CLI waits. */
export function isDone(s: AppStatus): boolean {
  return !s.stale && s.sync === 'Synced' && s.health === 'Healthy' && (s.phase === undefined || s.phase === 'Succeeded');
}

/**
 * The children of `root` (the Applications it manages, from its status) that are not done, `children`
 * being every Application read. The root's own status does not stand for them: its aggregated health
 * skips a child whose health is Missing or Unknown (Argo CD controller/health.go, setApplicationHealth),
 * and its sync ends as soon as the last wave is applied, without waiting for that wave's health (gitops-engine
 * pkg/sync/sync_context.go, Sync). So right after the root's sync creates a child, the root is Synced,
 * Healthy and Succeeded while the child has not synced yet.
 */
export function pendingChildren(root: AppStatus, children: AppStatus[]): AppStatus[] {
  const byName = new Map(children.map((c) => [c.name, c]));
  return root.apps.map((name) => byName.get(name) ?? { name, errors: [], stale: false, unhealthy: [], apps: [] }).filter((c) => !isDone(c));
}

/** The app-of-apps and every child it manages are done. */
export function isSettled(root: AppStatus, children: AppStatus[]): boolean {
  return isDone(root) && pendingChildren(root, children).length === 0;
}

/** `mayastor (Progressing; CustomResourceDefinition diskpools.openebs.io Progressing: …)`. */
export function describeChild(c: AppStatus): string {
  return `${c.name} (${[c.health ?? c.sync ?? 'Unknown', ...c.unhealthy].join('; ')})`;
}

export function describe(s: AppStatus): string {
  if (s.stale) return 'not yet compared at the source the spec names';
  const parts = [`sync ${s.sync ?? 'Unknown'}`, `health ${s.health ?? 'Unknown'}${s.healthMessage ? ` (${s.healthMessage})` : ''}`];
  if (s.phase) parts.push(`operation ${s.phase}`);
  return parts.join(', ');
}

/** How many polls in a row a problem must last before waiting is pointless (Argo CD retries transient ones itself). */
export const PERSISTENT_POLLS = 3;

/**
 * Judges one poll of the root app and its children. Stateful across polls
 * (`streaks`) so that a ComparisonError or Degraded health only fails the
 * step when it persists; a `Failed`/`Error` operation fails at once.
 */
export function judgeSync(root: AppStatus, children: AppStatus[], streaks: Map<string, number>): PollCheck {
  const bump = (key: string, on: boolean): number => {
    const n = on ? (streaks.get(key) ?? 0) + 1 : 0;
    streaks.set(key, n);
    return n;
  };
  if (root.phase === 'Failed' || root.phase === 'Error') {
    return { done: false, message: describe(root), failed: `sync ${root.phase}${root.operationMessage ? `: ${root.operationMessage}` : ''}` };
  }
  for (const app of [root, ...children]) {
    if (bump(`errors:${app.name}`, app.errors.length > 0) >= PERSISTENT_POLLS) {
      return { done: false, message: describe(app), failed: `Application ${app.name}: ${app.errors.join('; ')}` };
    }
    const degraded = app.health === 'Degraded' && app.phase !== 'Running';
    if (bump(`degraded:${app.name}`, degraded) >= PERSISTENT_POLLS) {
      return { done: false, message: describe(app), failed: `Application ${app.name} is Degraded${app.healthMessage ? `: ${app.healthMessage}` : ''}` };
    }
  }
  if (isSettled(root, children)) return { done: true, message: describe(root) };
  const pending = (root.apps.length ? pendingChildren(root, children) : children.filter((c) => !isDone(c))).map(describeChild);
  const parts = [describe(root), ...(root.unhealthy.length ? [`unhealthy: ${root.unhealthy.join('; ')}`] : []), ...(pending.length ? [`not yet healthy: ${pending.join(', ')}`] : [])];
  return { done: false, message: parts.join('; ') };
}
