import { CtoError } from '../../diagnostics/error.js';
import type { ErrorObject } from './wire.js';

/** Where an API failure belongs in the spec, and what a person can do about it. */
const HINTS: Record<number, { hint: string; path?: string }> = {
  401: {
    hint: 'the Latitude API key was refused: check spec.provider.latitude.apiKey (and the variable it reads, e.g. LATITUDE_API_KEY) and that the key is not revoked',
    path: 'spec.provider.latitude.apiKey',
  },
  403: {
    hint: 'the API key may be read-only or restricted to other IP addresses; use a read-write key allowed from this machine',
    path: 'spec.provider.latitude.apiKey',
  },
  404: {
    hint: 'check that spec.provider.latitude.project is the id or slug of a project the API key can see, and that the object was not deleted outside cto',
    path: 'spec.provider.latitude.project',
  },
  422: {
    hint: 'Latitude rejected the request: check the plan slug (spec.nodes.*.plan), the site (spec.region) and billing; `lsh plans list` shows valid values',
  },
  423: {
    hint: 'the server is locked in Latitude; unlock it in the dashboard or with `lsh servers unlock <id>` and run again',
  },
  429: { hint: 'the Latitude API rate limit was exceeded; wait a minute and run again' },
};

/** A response with an `errors[]` body, kept typed; the message never carries request headers. */
export class LatitudeApiError extends CtoError {
  constructor(
    readonly httpStatus: number,
    readonly errors: ErrorObject[],
    readonly method: string,
    readonly path: string,
    readonly requestId: string | undefined,
    /** From the `Retry-After` header, which wins over `meta.retry_after`. */
    private readonly retryAfterHeaderMs?: number,
  ) {
    const first = errors[0];
    const what = [first?.title, first?.detail].filter((s): s is string => !!s && s !== 'Error').join(': ');
    const code = first?.code ? ` [${first.code}]` : '';
    const id = requestId ? ` (request id ${requestId})` : '';
    const known = HINTS[httpStatus];
    super({
      severity: 'error',
      message: `Latitude API ${method} ${path} failed with ${httpStatus}${code}: ${what || 'no details given'}${id}`,
      ...(known?.path ? { path: known.path } : {}),
      hint: known?.hint ?? (httpStatus >= 500 ? 'Latitude had a server error; run again later' : undefined),
    });
    this.name = 'LatitudeApiError';
  }

  /** The delay the API asked for before a retry, in ms (`meta.retry_after` is seconds). */
  get retryAfterMs(): number | undefined {
    if (this.retryAfterHeaderMs !== undefined) return this.retryAfterHeaderMs;
    const v = this.errors[0]?.meta?.['retry_after'];
    return typeof v === 'number' && v >= 0 ? v * 1000 : undefined;
  }

  get transient(): boolean {
    return this.httpStatus === 429 || this.httpStatus >= 500;
  }
}

/** No answer: the request may or may not have reached Latitude. */
export class LatitudeNetworkError extends CtoError {
  constructor(
    readonly kind: 'timeout' | 'connection',
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super({
      severity: 'error',
      message: `Latitude API ${method} ${path}: ${kind === 'timeout' ? 'no answer in time' : 'connection failed'} (${detail})`,
      hint: 'check the network and spec.provider.latitude.endpoint; the request is safe to run again',
    });
    this.name = 'LatitudeNetworkError';
  }
}

/** Timeouts, dropped connections, 429 and 5xx: worth another attempt. */
export function isTransientLatitudeError(err: unknown): boolean {
  if (err instanceof LatitudeNetworkError) return true;
  return err instanceof LatitudeApiError && err.transient;
}
