// Chart and manifest sources: local paths as they are, URLs downloaded once
// into the state folder's cache (a local HTTP server stands in for the web).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../src/clients/helm/source.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { argocdManifestUrl, ciliumChartUrl, loadManifest, localPathManifestUrl } from '../../src/executors/platform/sources.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { testCluster, testContext } from './context.js';

describe('sources', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url!);
      if (req.url === '/secret.yaml') {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: x}\nstringData: {password: hunter2}\n');
        return;
      }
      if (req.url === '/missing.yaml') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/yaml' }).end('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-url, namespace: x}\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads a URL once and reads it from the cache afterwards', async () => {
    const ctx = testContext(testCluster('src').cluster, undefined);
    const first = await loadManifest(`${base}/v1.0.0/install.yaml`, 'platform/argocd', ctx);
    const second = await loadManifest(`${base}/v1.0.0/install.yaml`, 'platform/argocd', ctx);
    expect(first.map((o) => o.metadata.name)).toEqual(['from-url']);
    expect(second).toEqual(first);
    expect(hits.filter((h) => h === '/v1.0.0/install.yaml')).toHaveLength(1);
    expect((await ctx.state.list()).sort()).toEqual([expect.stringMatching(/^cache\/[0-9a-f]{64}\.yaml$/), expect.stringMatching(/^cache\/objects-[0-9a-f]{64}\.json$/)]);
  });

  it("parses a URL's manifest once per content: the parsed copy serves until the download changes, and a Secret with data is never copied", async () => {
    const ctx = testContext(testCluster('src').cluster, undefined);
    const url = `${base}/v2.0.0/install.yaml`;
    expect((await loadManifest(url, 'platform/argocd', ctx)).map((o) => o.metadata.name)).toEqual(['from-url']);
    const files = await ctx.state.list();
    const copy = files.find((f) => f.startsWith('cache/objects-'))!;
    const download = files.find((f) => f !== copy)!;
    expect(copy).toBeDefined();
    // The copy is what the next load returns while the downloaded bytes are the same (a marker shows it)...
    const record = JSON.parse((await ctx.state.read(copy))!.toString('utf8')) as { digest: string; objects: { metadata: { name: string } }[] };
    record.objects[0]!.metadata.name = 'from-copy';
    await ctx.state.writeAtomic(copy, JSON.stringify(record));
    expect((await loadManifest(url, 'platform/argocd', ctx)).map((o) => o.metadata.name)).toEqual(['from-copy']);
    // ...and other bytes under that name (a download done again) are parsed again.
    await ctx.state.writeAtomic(download, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: second, namespace: x}\n');
    expect((await loadManifest(url, 'platform/argocd', ctx)).map((o) => o.metadata.name)).toEqual(['second']);
    expect((await loadManifest(`${base}/secret.yaml`, 'platform/argocd', ctx)).map((o) => o.metadata.name)).toEqual(['s']);
    expect((await ctx.state.list()).filter((f) => f.startsWith('cache/objects-'))).toEqual([copy]);
  });

  it('reads a local manifest as it is and writes nothing into the state folder', async () => {
    const ctx = testContext(testCluster('src').cluster, undefined);
    const file = join(await mkdtemp(join(tmpdir(), 'cto-sources-')), 'install.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: x}\n');
    expect((await loadManifest(file, 'platform/argocd', ctx)).map((o) => o.metadata.name)).toEqual(['first']);
    expect(await ctx.state.list()).toEqual([]);
  });

  it('uses a local path as it is and names a missing one', async () => {
    const ctx = testContext(testCluster('src').cluster, undefined);
    const local = upstreamFile('local-path', 'local-path-storage.yaml');
    expect(await resolveSource({ source: local, baseDir: '/', stepId: 'platform/local-path' }, ctx.state)).toBe(local);
    const err = await resolveSource({ source: 'nope/chart', baseDir: '/srv', stepId: 'platform/cilium' }, ctx.state).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).message).toBe('platform/cilium: source nope/chart does not exist (looked at /srv/nope/chart)');
  });

  it('reports an HTTP error with the step and the URL', async () => {
    const ctx = testContext(testCluster('src').cluster, undefined);
    const err = await loadManifest(`${base}/missing.yaml`, 'platform/local-path', ctx).catch((e: unknown) => e);
    expect((err as CtoError).message).toBe(`platform/local-path: downloading ${base}/missing.yaml answered HTTP 404`);
    expect(await ctx.state.list()).toEqual([]);
  });

  it('pins the upstream release files by version', () => {
    expect(ciliumChartUrl('1.18.0')).toBe('https://helm.cilium.io/cilium-1.18.0.tgz');
    expect(argocdManifestUrl('v3.5.1')).toBe('https://raw.githubusercontent.com/argoproj/argo-cd/v3.5.1/manifests/install.yaml');
    expect(localPathManifestUrl('v0.0.37')).toBe('https://raw.githubusercontent.com/rancher/local-path-provisioner/v0.0.37/deploy/local-path-storage.yaml');
  });
});
