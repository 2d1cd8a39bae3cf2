import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notFound, rateLimited, serverError, SimApiError, unauthorized } from './api-errors.js';
import type { SimOptions } from './options.js';
import { WindowLimiter } from './rate-limit.js';
import { match } from './routes.js';
import { SimState } from './state.js';

export type { DeployedServer, SimFaults, SimOptions } from './options.js';
export type { SimServer, SimState } from './state.js';

export interface Simulator {
  url: string;
  state: SimState;
  close(): Promise<void>;
}

const DEFAULT_KEY = 'sim-api-key';

/**
 * A local Latitude API on 127.0.0.1: the same paths, envelopes, errors, pagination,
 * stock and asynchronous deployments as the real one, with faults on demand.
 * `GET /_sim/calls` (no key needed, never counted or faulted) returns the call log:
 * calls by method and route, answers by status.
 */
export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const state = new SimState(opts);
  const apiKey = opts.apiKey ?? DEFAULT_KEY;
  const scale = opts.timeScale ?? 1;
  const limits = opts.rateLimits === false ? undefined : (opts.rateLimits ?? { get: 60, write: 20 });
  const windowMs = 60_000 * scale;
  const readLimiter = limits && new WindowLimiter(limits.get, windowMs);
  const writeLimiter = limits && new WindowLimiter(limits.write, windowMs);
  let requests = 0;
  const requestId = () => ({ 'x-request-id': `sim-${String(++requests).padStart(8, '0')}` });

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (url.pathname === '/_sim/calls') {
      return send(res, 200, { calls: Object.fromEntries(state.calls), answers: Object.fromEntries(state.answers) }, true, requestId());
    }

    const found = match(method, url.pathname);
    state.recordCall(`${method} ${found?.route.pattern ?? url.pathname}`);
    const faults = state.faults;
    try {
      if (!authorized(req.headers.authorization, apiKey)) throw unauthorized();
      if (faults.latencyMs && (faults.latencyMs.rate === undefined || state.random.chance(faults.latencyMs.rate))) {
        const { min, max } = faults.latencyMs;
        state.recordFault('latencyMs');
        await new Promise((r) => setTimeout(r, min + state.random.next() * (max - min)));
      }
      const wait = (method === 'GET' ? readLimiter : writeLimiter)?.admit(Date.now()) ?? 0;
      if (wait > 0) throw rateLimited(seconds(wait));
      if (state.random.chance(faults.rateLimitRate ?? 0)) {
        state.recordFault('rateLimitRate');
        throw rateLimited(seconds(windowMs / 60));
      }
      if (state.random.chance(faults.errorRate ?? 0)) {
        state.recordFault('errorRate');
        throw serverError([500, 502, 503][Math.floor(state.random.next() * 3)]!);
      }
      if (!found) throw notFound();
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, { errors: [{ code: 'bad_request', status: '400', title: 'Bad Request', detail: 'Body is not valid JSON', meta: {} }] });
      }
      const out = found.route.handle(state, { params: found.params, query: url.searchParams, body });
      if (found.route.droppable && state.random.chance(faults.dropAfterCommitRate ?? 0)) {
        state.recordFault('dropAfterCommitRate');
        state.recordAnswer(0);
        req.socket.destroy();
        return;
      }
      state.recordAnswer(out.status);
      send(res, out.status, out.body, out.plainJson, requestId());
    } catch (err) {
      if (!(err instanceof SimApiError)) throw err;
      state.recordAnswer(err.httpStatus);
      send(res, err.httpStatus, err.body, false, { ...err.headers, ...requestId() });
    }
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      send(res, 500, { errors: [{ code: 'internal_server_error', status: '500', title: 'Error', detail: String(err), meta: {} }] }, false, requestId());
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: async () => {
      state.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Both the raw key (what the official SDKs send) and `Bearer <key>` are accepted. */
function authorized(header: string | undefined, key: string): boolean {
  if (!header) return false;
  return header === key || header === `Bearer ${key}`;
}

/** The API speaks whole seconds; under a time scale the wait can be a fraction. */
function seconds(ms: number): number {
  return Math.max(0.001, Math.round(ms) / 1000);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, plainJson = false, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(payload ? { 'content-type': plainJson ? 'application/json; charset=utf-8' : 'application/vnd.api+json; charset=utf-8' } : {}),
  });
  res.end(payload);
}
