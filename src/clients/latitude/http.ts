import type { Dispatcher, Pool } from 'undici';
import { systemClock } from '../../time/clock.js';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, type BackoffPolicy } from './backoff.js';
import { isTransientLatitudeError, LatitudeApiError, LatitudeNetworkError } from './errors.js';
import { RateLimiter } from './rate-limiter.js';
import { DOCUMENTED_RATES } from './rates.js';
import { decodeErrors, type ErrorObject } from './wire.js';

export interface HttpOptions {
  endpoint: string;
  apiKey: string;
  /** Per request: connect, headers and body each. */
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  /** Client-side limits per window (default a minute); default the documented 60 GET / 20 writes. */
  rates?: { get: number; write: number; windowMs?: number };
  signal?: AbortSignal;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Retry transient failures. Only for requests that are safe to send twice. */
  idempotent: boolean;
  /** Among requests waiting for the budget, lower goes first (see PRIORITY); default normal. */
  priority?: number;
  /** Told how many requests wait for the budget with this one, when it has to wait. */
  onQueued?(queued: number): void;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

const API_VERSION = '2023-06-01';
const USER_AGENT = 'cto (+https://github.com/cto-dev/cto)';

/**
 * One keep-alive connection pool to the Latitude API with timeouts, a client-side
 * rate limit, and retries for idempotent requests. The API key only ever goes into
 * the Authorization header: messages name the method and path, never headers.
 */
export class LatitudeHttp {
  readonly #origin: string;
  readonly #prefix: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly backoff: BackoffPolicy;
  readonly #reads: RateLimiter;
  readonly #writes: RateLimiter;
  readonly signal: AbortSignal | undefined;
  #pool: Promise<Pool> | undefined;

  constructor(opts: HttpOptions) {
    const url = new URL(opts.endpoint);
    this.#origin = url.origin;
    this.#prefix = url.pathname.replace(/\/+$/, '');
    this.#apiKey = opts.apiKey;
    this.#timeoutMs = opts.timeoutMs ?? 60_000;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.#reads = new RateLimiter(opts.rates?.get ?? DOCUMENTED_RATES.get, systemClock, opts.rates?.windowMs);
    this.#writes = new RateLimiter(opts.rates?.write ?? DOCUMENTED_RATES.write, systemClock, opts.rates?.windowMs);
    this.signal = opts.signal;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(req);
      } catch (err) {
        const last = attempt + 1 >= this.backoff.attempts;
        if (!req.idempotent || last || !isTransientLatitudeError(err)) throw err;
        const asked = err instanceof LatitudeApiError ? err.retryAfterMs : undefined;
        await systemClock.sleep(backoffDelay(attempt, this.backoff, Math.random(), asked), this.signal);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#pool) await (await this.#pool).close();
  }

  async #once(req: HttpRequest): Promise<HttpResponse> {
    await (req.method === 'GET' ? this.#reads : this.#writes).take(req.priority, req.onQueued);
    const pool = await this.#getPool();
    const path = this.#prefix + req.path + queryString(req.query);
    const headers: Record<string, string> = {
      authorization: this.#apiKey,
      accept: 'application/vnd.api+json',
      'api-version': API_VERSION,
      'user-agent': USER_AGENT,
    };
    const options: Dispatcher.RequestOptions = { method: req.method, path, headers };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      options.body = JSON.stringify(req.body);
    }
    // A whole-request deadline: undici's own timers are coarse below a second.
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    options.signal = this.signal ? AbortSignal.any([this.signal, deadline]) : deadline;
    let res: Dispatcher.ResponseData;
    let text: string;
    try {
      res = await pool.request(options);
      text = await res.body.text();
    } catch (err) {
      throw networkError(err, req);
    }
    const body = text.length > 0 ? parseJson(text) : undefined;
    if (res.statusCode >= 400) {
      const asked = parseRetryAfter(header(res.headers['retry-after']), Date.now());
      throw new LatitudeApiError(res.statusCode, errorsOf(body, text), req.method, req.path, header(res.headers['x-request-id']), asked);
    }
    return { status: res.statusCode, body };
  }

  #getPool(): Promise<Pool> {
    this.#pool ??= import('undici').then(
      ({ Pool }) =>
        new Pool(this.#origin, {
          connections: 16,
          keepAliveTimeout: 30_000,
          connectTimeout: this.#timeoutMs,
          headersTimeout: this.#timeoutMs,
          bodyTimeout: this.#timeoutMs,
        }),
    );
    return this.#pool;
  }
}

function queryString(query: HttpRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Bodies that are not `errors[]` (a proxy's HTML page) still make a readable error. */
function errorsOf(body: unknown, text: string): ErrorObject[] {
  try {
    return decodeErrors(body);
  } catch {
    return [{ title: text.slice(0, 200).replace(/\s+/g, ' ').trim() || null }];
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function networkError(err: unknown, req: HttpRequest): unknown {
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError') return new LatitudeNetworkError('timeout', req.method, req.path, 'deadline exceeded');
  if (name === 'AbortError') return err;
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  return new LatitudeNetworkError(TIMEOUT_CODES.has(code) ? 'timeout' : 'connection', req.method, req.path, code || message);
}
