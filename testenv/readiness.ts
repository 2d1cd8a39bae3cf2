// Waiting for control-plane components to come up, failing fast (with the
// component's log) when one exits instead.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, type Managed } from './processes.js';

/**
 * Linux hands out local ports for outgoing connections from `ip_local_port_range` (32768-60999 by default).
 * A listener port taken from there (`listen(0)`) and released until its process binds it can meanwhile
 * become the local end of some connection, and the process then fails with "address already in use":
 * with worlds starting side by side (each with its talosctl and API clients), that happened. Ports are
 * drawn below that range instead, where only listeners go.
 */
const LISTEN_PORTS = { from: 20_000, to: 32_767 };

/** Free loopback ports below the outgoing-connection range, held open together so that no two are the same. */
export async function freePorts(count: number): Promise<number[]> {
  const held: ReturnType<typeof createServer>[] = [];
  const ports: number[] = [];
  try {
    while (ports.length < count) {
      const port = LISTEN_PORTS.from + Math.floor(Math.random() * (LISTEN_PORTS.to - LISTEN_PORTS.from + 1));
      const server = createServer();
      const bound = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (!bound) continue;
      held.push(server);
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** GET `url`; resolves with the status code and body, never rejects. */
export function probe(url: string, tls: RequestOptions = {}): Promise<{ status: number; body: string }> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, { ...tls, timeout: 2_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.end();
  });
}

/**
 * Polls `check` until it returns true. Rejects when `timeoutMs` passes or when
 * `component` exits first, quoting the last lines of its log either way.
 */
export async function waitUntil(
  component: Managed,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  let exit: string | undefined;
  void component.exited.then((how) => (exit = how));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (exit !== undefined || Date.now() > deadline) {
      const why = exit !== undefined ? `${component.name} ${exit}` : `timed out after ${timeoutMs / 1000} s`;
      throw new Error(
        `${component.name} never became ${what}: ${why}\n--- ${component.logPath} (tail) ---\n${await logTail(component)}`,
      );
    }
    await sleep(100);
  }
}
