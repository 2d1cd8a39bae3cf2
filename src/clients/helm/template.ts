import { CtoError } from '../../diagnostics/error.js';
import { parseManifests, type KubeObject } from '../kube/object.js';

export interface TemplateRequest {
  /** Local chart folder or .tgz. */
  chart: string;
  release: string;
  namespace: string;
  values: Record<string, unknown>;
  /** Step the chart belongs to, for error messages. */
  stepId: string;
}

/** The helm binary: `CTO_HELM`, else `helm` on PATH. */
export function helmBinary(env: Record<string, string | undefined>): string {
  return env.CTO_HELM || 'helm';
}

/**
 * `helm template` of a local chart, CRDs included, values passed on stdin
 * (never in argv, where `ps` would show them). Returns the rendered objects.
 */
export async function helmTemplate(req: TemplateRequest, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<KubeObject[]> {
  const { execa } = await import('execa');
  const bin = helmBinary(env);
  const args = ['template', req.release, req.chart, '--namespace', req.namespace, '--include-crds', '--values', '-'];
  const result = await execa(bin, args, {
    input: JSON.stringify(req.values),
    reject: false,
    cancelSignal: signal,
    env: { ...env },
    extendEnv: false,
  });
  if (result.failed) {
    const missing = (result as { code?: string }).code === 'ENOENT';
    throw new CtoError({
      severity: 'error',
      stepId: req.stepId,
      message: missing
        ? `${req.stepId}: helm not found (tried "${bin}")`
        : `${req.stepId}: helm template of ${req.chart} failed: ${lastLines(String(result.stderr ?? ''))}`,
      hint: missing ? 'install helm 3 or set CTO_HELM to its path' : 'check the chart source and spec.platform.cilium.values',
    });
  }
  return parseManifests(String(result.stdout), `helm template ${req.chart}`);
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 600) || 'no output';
}
