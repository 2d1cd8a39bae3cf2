// Helm chart repositories at their real https URLs, for a process that takes this server as its
// HTTPS proxy (Argo CD's repo server). A CONNECT to a served host is answered here: TLS is
// terminated with a certificate for that host from a throw-away CA, which the client is told to
// trust (for Argo CD: a file named after the host in ARGOCD_TLS_DATA_PATH, as argocd-tls-certs-cm
// mounts it). Other hosts are refused: nothing leaves the machine.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, normalize } from 'node:path';
import { createSecureContext, TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { testenvBin } from './paths.js';

const run = promisify(execFile);

export interface Chart {
  /** The repository URL an Application names, e.g. https://openebs.github.io/openebs. */
  repoURL: string;
  name: string;
  version: string;
  /** File name → content, under the chart's templates/. */
  templates: Record<string, string>;
}

export interface ChartRepos {
  /** http://127.0.0.1:<port>, for HTTPS_PROXY. */
  proxyUrl: string;
  /** The CA that signed the served hosts' certificates (PEM file). */
  caCert: string;
  /** Host names served. */
  hosts: string[];
  stop(): Promise<void>;
}

export async function serveChartRepos(dir: string, charts: Chart[]): Promise<ChartRepos> {
  const hosts = [...new Set(charts.map((c) => new URL(c.repoURL).hostname))];
  const root = join(dir, 'repos');
  for (const chart of charts) await packageChart(dir, root, chart);
  const { caCert, certs } = await issueCertificates(dir, hosts);

  const files = createServer((req, res) => void serveFile(root, req, res));
  const proxy = createServer((_req, res) => res.writeHead(405).end('only CONNECT is served\n'));
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(':');
    const cert = certs.get(host ?? '');
    if (!cert || port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const tls = new TLSSocket(socket, { isServer: true, secureContext: createSecureContext(cert) });
    tls.on('error', () => socket.destroy());
    files.emit('connection', tls);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', resolve);
  });
  const { port } = proxy.address() as AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caCert,
    hosts,
    stop: () => new Promise((resolve) => {
      files.closeAllConnections();
      proxy.close(() => resolve());
    }),
  };
}

/** `helm package` and `helm repo index`, into <root>/<host><path> as the repository serves them. */
async function packageChart(dir: string, root: string, chart: Chart): Promise<void> {
  const url = new URL(chart.repoURL);
  const src = join(dir, 'src', chart.name);
  await mkdir(join(src, 'templates'), { recursive: true });
  await writeFile(join(src, 'Chart.yaml'), `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\n`);
  for (const [file, content] of Object.entries(chart.templates)) await writeFile(join(src, 'templates', file), content);
  const out = join(root, url.hostname, url.pathname);
  await mkdir(out, { recursive: true });
  const helm = testenvBin('helm');
  await run(helm, ['package', src, '--destination', out]);
  await run(helm, ['repo', 'index', out, '--url', chart.repoURL.replace(/\/+$/, '')]);
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = (req.headers.host ?? '').split(':')[0]!;
  const path = normalize(join(root, host, decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname)));
  if (!path.startsWith(join(root, host))) return void res.writeHead(404).end();
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'Content-Type': path.endsWith('.yaml') ? 'text/yaml' : 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

/** A CA and, per host, a serving certificate it signs (openssl, as testenv/certs.ts does). */
async function issueCertificates(dir: string, hosts: string[]): Promise<{ caCert: string; certs: Map<string, { cert: Buffer; key: Buffer }> }> {
  const caCert = join(dir, 'chart-repos-ca.crt');
  const caKey = join(dir, 'chart-repos-ca.key');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', caKey, '-out', caCert, '-subj', '/CN=cto-testenv-chart-repos',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const certs = new Map<string, { cert: Buffer; key: Buffer }>();
  for (const host of hosts) {
    const cert = join(dir, `${host}.crt`);
    const key = join(dir, `${host}.key`);
    await run('openssl', ['req', '-x509', ...ec, '-CA', caCert, '-CAkey', caKey, '-keyout', key, '-out', cert, '-subj', `/CN=${host}`,
      '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth', '-addext', `subjectAltName=DNS:${host}`]);
    certs.set(host, { cert: await readFile(cert), key: await readFile(key) });
  }
  return { caCert, certs };
}
