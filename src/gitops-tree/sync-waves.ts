/**
 * Sync waves of the root application. Lower waves sync first and, with the
 * Application health check in `argocd-cm` (see argocd-health.ts), the next wave
 * waits until the previous one is Healthy. The project and the privileged
 * namespace must exist before the storage application uses them; storage must be
 * Healthy before any workload that claims a volume.
 */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

export const WAVES = {
  project: -30,
  namespace: -20,
  storage: -10,
} as const;

/** Argo CD's default when the annotation is absent. */
export const DEFAULT_WAVE = 0;
