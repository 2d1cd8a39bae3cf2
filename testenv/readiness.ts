// Waiting for control-plane components to come up, failing fast (with the
// component's log) when one exits instead.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, type Managed } from './processes.js';

/** Free loopback ports, held open together so that no two are the same. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => {
      const server = createServer();
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      });
    }),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('loopback listener has no port');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
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
