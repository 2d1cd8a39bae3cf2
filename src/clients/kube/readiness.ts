import { Agent, request } from 'node:https';
import type { Socket } from 'node:net';
import { parse } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';

/**
 * The two reads the Talos phase needs from the Kubernetes API it just
 * created — `/readyz` and one Node — over node:https with the admin
 * kubeconfig's CA and client certificate. The full Kubernetes client is not
 * needed (nor worth its import time) for two GETs.
 */
export class KubeReadiness {
  readonly server: string;
  /** One TLS context and kept-alive connections for every read: a handshake per poll of each node adds up. */
  readonly #agent: Agent;

  constructor(kubeconfig: string) {
    const { server, ca, cert, key } = credentialsOf(kubeconfig);
    this.server = server;
    this.#agent = new Agent({ ca, cert, key, keepAlive: true, maxSockets: 4 });
    // An idle kept-alive connection must not keep the CLI from exiting; a request in flight holds it again.
    this.#agent.on('free', (socket: Socket) => socket.unref());
  }

  /** `GET /readyz`: ready when 200. Transport errors come back as not ready, with the reason. */
  async readyz(timeoutMs = 10_000): Promise<{ ready: boolean; detail: string }> {
    try {
      const r = await this.#get('/readyz', timeoutMs);
      return { ready: r.status === 200, detail: r.status === 200 ? 'ok' : `HTTP ${r.status}: ${r.body.slice(0, 200).trim()}` };
    } catch (err) {
      return { ready: false, detail: (err as Error).message };
    }
  }

  /** A Node by name: absent (404), or present with its Ready condition. */
  async node(name: string, timeoutMs = 10_000): Promise<{ exists: false } | { exists: true; ready: boolean }> {
    const r = await this.#get(`/api/v1/nodes/${encodeURIComponent(name)}`, timeoutMs);
    if (r.status === 404) return { exists: false };
    if (r.status !== 200) throw new Error(`GET node ${name}: HTTP ${r.status}`);
    return { exists: true, ready: isReady(JSON.parse(r.body) as KubeNode) };
  }

  /** Every Node by name, with its Ready condition: one read for the nodes of a whole cluster. */
  async nodes(timeoutMs = 10_000): Promise<Map<string, { ready: boolean }>> {
    const r = await this.#get('/api/v1/nodes', timeoutMs);
    if (r.status !== 200) throw new Error(`GET nodes: HTTP ${r.status}`);
    const list = JSON.parse(r.body) as { items?: KubeNode[] };
    return new Map((list.items ?? []).map((n) => [n.metadata?.name ?? '', { ready: isReady(n) }]));
  }

  #get(path: string, timeoutMs: number): Promise<{ status: number; body: string }> {
    const url = new URL(path, this.server);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', agent: this.#agent, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${Math.round(timeoutMs / 1000)}s`)));
      req.on('socket', (socket) => socket.ref());
      req.on('error', reject);
      req.end();
    });
  }
}

interface KubeNode {
  metadata?: { name?: string };
  status?: { conditions?: { type?: string; status?: string }[] };
}

const isReady = (node: KubeNode) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

interface NamedEntry<T> {
  name: string;
  [key: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

/** The current context's server and certificates; only the embedded `-data` forms that talosctl writes. */
function credentialsOf(kubeconfig: string): { server: string; ca: Buffer; cert: Buffer; key: Buffer } {
  const doc = parse(kubeconfig) as {
    'current-context'?: string;
    contexts?: NamedEntry<{ cluster?: string; user?: string }>[];
    clusters?: NamedEntry<{ server?: string; 'certificate-authority-data'?: string }>[];
    users?: NamedEntry<{ 'client-certificate-data'?: string; 'client-key-data'?: string }>[];
  };
  const context = doc.contexts?.find((c) => c.name === doc['current-context'])?.context;
  const cluster = doc.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === context?.user)?.user;
  const server = cluster?.server;
  const ca = cluster?.['certificate-authority-data'];
  const cert = user?.['client-certificate-data'];
  const key = user?.['client-key-data'];
  if (!server || !ca || !cert || !key) {
    throw new CtoError({
      severity: 'error',
      message: 'the kubeconfig from talosctl lacks a server, CA or client certificate for its current context',
      hint: 'delete the state file `kubeconfig` and run cto apply again to fetch a fresh one',
    });
  }
  const b64 = (s: string) => Buffer.from(s, 'base64');
  return { server, ca: b64(ca), cert: b64(cert), key: b64(key) };
}
