import { CtoError } from '../../diagnostics/error.js';
import { KubeApiError } from './api.js';

/** Names of the field managers a 409 apply conflict is with (`conflict with "kubectl-edit" using apps/v1: .spec.replicas`). */
export function conflictManagers(err: KubeApiError): string[] {
  const texts = [err.status?.message ?? '', ...(err.status?.details?.causes ?? []).map((c) => c.message ?? '')];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/conflict with "([^"]+)"/g)) names.add(m[1]!);
  return [...names];
}

/** Fields in conflict, as the server lists them (`.spec.replicas`). */
function conflictFields(err: KubeApiError): string[] {
  return [...new Set((err.status?.details?.causes ?? []).map((c) => c.field).filter((f): f is string => !!f))];
}

/**
 * An API failure while working on one object of a step, as a diagnostic that
 * names the step and the object. Anything else is passed through unchanged.
 */
export function objectError(err: unknown, stepId: string, ref: string, doing: string): unknown {
  if (!(err instanceof KubeApiError)) return err;
  return describeApiError(err, stepId, ref, doing);
}

function describeApiError(err: KubeApiError, stepId: string, ref: string, doing: string): CtoError {
  if (err.code === 409 && err.status?.reason === 'Conflict' && conflictManagers(err).length > 0) {
    const managers = conflictManagers(err).map((m) => `"${m}"`).join(', ');
    const fields = conflictFields(err);
    return new CtoError({
      severity: 'error',
      stepId,
      message: `${stepId}: ${ref} is also managed by ${managers}: ${doing} conflicts on ${fields.length > 0 ? fields.join(', ') : 'fields it owns'}`,
      hint: `cto only takes over fields of objects it created; remove those fields from ${managers}' configuration, or delete the object so cto can create it`,
    }, { cause: err });
  }
  return new CtoError({
    severity: 'error',
    stepId,
    message: `${stepId}: ${doing} ${ref} failed (HTTP ${err.code}${err.status?.reason ? ` ${err.status.reason}` : ''}): ${err.message}`,
  }, { cause: err });
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/**
 * Worth retrying: the API server is restarting or overloaded (5xx, 429) or
 * the connection broke. Looks through the causes our diagnostics keep.
 */
export function isTransientKubeError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof KubeApiError) return e.code === 429 || e.code >= 500;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if ((e as { type?: unknown }).type === 'system' && (e as { name?: unknown }).name === 'FetchError') return true;
  }
  return false;
}
