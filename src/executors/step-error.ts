import { KubeApiError } from '../clients/kube/api.js';
import { TalosError, type TlsProblem } from '../clients/talos/errors.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CtoError } from '../diagnostics/error.js';

/**
 * The executors' boundary for errors. Clients throw their own typed errors (`TalosError`,
 * `KubeApiError`…; Latitude's are `CtoError`s already), which steps branch on inside; whatever a step
 * lets through leaves here as a `CtoError` whose every diagnostic names the step, with secrets
 * redacted and no stack. What was thrown stays as `cause`, so a kind's `retryable` still sees it.
 */
export function stepError(stepId: string, err: unknown, redact: (text: string) => string = (t) => t): StepError {
  if (err instanceof StepError) return err;
  const diagnostics = (err instanceof CtoError ? err.diagnostics : [clientDiagnostic(err)]).map((d) => ({
    ...d,
    stepId: d.stepId ?? stepId,
    message: redact(d.message),
    ...(d.hint ? { hint: redact(d.hint) } : {}),
  }));
  return new StepError(diagnostics, err);
}

/** A step's failure as the user reads it; its `cause` is what the step threw. */
export class StepError extends CtoError {
  constructor(diagnostics: Diagnostic[], thrown: unknown) {
    super(diagnostics, { cause: thrown });
    this.name = 'StepError';
  }
}

/** What a step threw, under the `StepError` made of it. */
export const thrownBy = (err: unknown): unknown => (err instanceof StepError ? err.cause : err);

/** Runs a step's work under this policy: the engine's observe and execute, `cto render`'s previews. */
export async function atStep<T>(stepId: string, redact: (text: string) => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw stepError(stepId, err, redact);
  }
}

function clientDiagnostic(err: unknown): Diagnostic {
  if (err instanceof TalosError) {
    const hint = err.tls ? TLS_HINTS[err.tls] : undefined;
    return { severity: 'error', message: `talosctl: ${err.message} (${err.code})`, ...(hint ? { hint } : {}) };
  }
  if (err instanceof KubeApiError) {
    const reason = err.status?.reason ? ` ${err.status.reason}` : '';
    return { severity: 'error', message: `Kubernetes API answered ${err.code}${reason}${err.status?.message ? `: ${err.status.message}` : ''}` };
  }
  return { severity: 'error', message: describe(err) };
}

const TLS_HINTS: Record<TlsProblem, string> = {
  'unknown-authority':
    "the node's certificates are not from this cluster's Talos secrets (talos/secrets.yaml in the state folder): it is still in maintenance mode, or was configured from other secrets",
  'certificate-required': 'the node is configured already and refuses a maintenance-mode (insecure) connection',
};

/** An Error's message with the messages of its causes (`fetch failed: connect ECONNREFUSED …`); never its stack. */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e = err, depth = 0; e !== undefined && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? e.message || e.name : typeof e === 'object' ? json(e) : String(e);
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    if (!(e instanceof Error)) break;
  }
  return parts.join(': ') || 'failed without a message';
}

function json(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
