import { parse } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';
import { parseManifests, type KubeObject } from '../kube/object.js';
import { envConfig } from '../../config/env.js';

export interface TemplateRequest {
  /** Local chart folder or .tgz. */
  chart: string;
  release: string;
  namespace: string;
  values: Record<string, unknown>;
  /** The cluster's Kubernetes version: charts' `.Capabilities.KubeVersion` and `kubeVersion` constraint. */
  kubeVersion: string;
  /** Step the chart belongs to, for error messages. */
  stepId: string;
}

/** The helm binary: `CTO_HELM`, else `helm` on PATH. */
export function helmBinary(env: Record<string, string | undefined>): string {
  return envConfig(env).helm;
}

/**
 * `helm template` of a local chart, CRDs included, rendered for the cluster's
 * Kubernetes version, values passed on stdin (never in argv, where `ps` would
 * show them). Returns the rendered objects.
 */
export async function helmTemplate(req: TemplateRequest, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<KubeObject[]> {
  const args = ['template', req.release, req.chart, '--namespace', req.namespace, '--kube-version', req.kubeVersion, '--include-crds', '--values', '-'];
  const stdout = await runHelm(args, JSON.stringify(req.values), `helm template of ${req.chart}`, req.stepId, env, signal);
  return parseManifests(stdout, `helm template ${req.chart}`);
}

/** The chart's default values (its values.yaml), from a chart folder or .tgz. */
export async function helmDefaultValues(chart: string, stepId: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const stdout = await runHelm(['show', 'values', chart], '', `helm show values of ${chart}`, stepId, env, signal);
  return (parse(stdout) as Record<string, unknown> | null) ?? {};
}

async function runHelm(args: string[], input: string, what: string, stepId: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<string> {
  const { execa } = await import('execa');
  const bin = helmBinary(env);
  // Detached, as talosctl is (clients/talos/talosctl.ts): a Ctrl-C at the terminal is cto's to handle.
  const result = await execa(bin, args, { input, reject: false, cancelSignal: signal, env: { ...env }, extendEnv: false, detached: true });
  if (result.failed) {
    const missing = (result as { code?: string }).code === 'ENOENT';
    throw new CtoError({
      severity: 'error',
      stepId,
      message: missing ? `${stepId}: helm not found (tried "${bin}")` : `${stepId}: ${what} failed: ${lastLines(String(result.stderr ?? ''))}`,
      hint: missing ? 'install helm 3 or set CTO_HELM to its path' : 'check the chart source and spec.platform.cilium.values',
    });
  }
  return String(result.stdout);
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 600) || 'no output';
}
