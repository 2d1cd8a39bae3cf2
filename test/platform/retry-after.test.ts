// A 429 with Retry-After from the kube-apiserver ("storage is (re)initializing" while a new CRD's watch
// cache fills) is waited out and asked again, as client-go does; other errors are not retried.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApi, KubeApiError } from '../../src/clients/kube/api.js';

const status = (code: number, message: string, retryAfterSeconds?: number) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code, ...(retryAfterSeconds !== undefined ? { details: { retryAfterSeconds } } : {}) });

describe('KubeApi and Retry-After', () => {
  let server: Server;
  let kube: KubeApi;
  /** What the next GETs of ConfigMap default/c answer, in order; after them, the object. */
  let answers: { code: number; body: string; retryAfter?: string }[] = [];
  let gets = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/api/v1') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get'] }] }));
        return;
      }
      gets++;
      const next = answers.shift();
      if (next) {
        res.writeHead(next.code, { 'content-type': 'application/json', ...(next.retryAfter ? { 'retry-after': next.retryAfter } : {}) }).end(next.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const file = join(await mkdtemp(join(tmpdir(), 'cto-retry-after-')), 'kubeconfig');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await writeFile(file, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`);
    kube = await KubeApi.connect(file);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } };

  it('waits out 429s that say when to come back, then answers', async () => {
    gets = 0;
    answers = [
      { code: 429, body: status(429, 'storage is (re)initializing', 0), retryAfter: '0' },
      { code: 429, body: status(429, 'storage is (re)initializing', 0) },
    ];
    expect((await kube.get(configMap))?.metadata.name).toBe('c');
    expect(gets).toBe(3);
  });

  it('gives up after 10 such answers, and never retries a 429 without Retry-After or another error', async () => {
    gets = 0;
    answers = Array.from({ length: 12 }, () => ({ code: 429, body: status(429, 'storage is (re)initializing', 0), retryAfter: '0' }));
    await expect(kube.get(configMap)).rejects.toMatchObject({ code: 429, message: 'storage is (re)initializing' });
    expect(gets).toBe(10);
    for (const answer of [{ code: 429, body: status(429, 'too many') }, { code: 500, body: status(500, 'boom', 0), retryAfter: '0' }]) {
      gets = 0;
      answers = [answer];
      await expect(kube.get(configMap)).rejects.toBeInstanceOf(KubeApiError);
      expect(gets).toBe(1);
    }
  });
});
