// Git repositories over HTTP on loopback, for Argo CD's repo server: git's own
// smart-HTTP server (`git http-backend`, a CGI program) behind a small HTTP
// server. Argo CD reaches repositories over https, http or ssh; this is the
// http transport a private repository with a username and token uses.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitServer {
  /** The clone URL of the repository in folder `name` of the root. */
  url(name: string): string;
  stop(): Promise<void>;
}

export interface GitServerOptions {
  /** Folder whose subfolders are the repositories served (bare or with a work tree). */
  root: string;
  /** When given, every request needs HTTP basic auth with these, as a private repository does. */
  credentials?: { username: string; password: string };
}

export async function serveGit(opts: GitServerOptions): Promise<GitServer> {
  const server = createServer((req, res) => {
    if (opts.credentials && !authorized(req, opts.credentials)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      return;
    }
    httpBackend(opts.root, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function authorized(req: IncomingMessage, creds: { username: string; password: string }): boolean {
  const [scheme, encoded] = (req.headers.authorization ?? '').split(' ');
  return scheme === 'Basic' && Buffer.from(encoded ?? '', 'base64').toString() === `${creds.username}:${creds.password}`;
}

/** One CGI request (RFC 3875) to `git http-backend`; its header block becomes the response's status and headers. */
function httpBackend(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://git');
  const header = (name: string) => (req.headers[name] as string | undefined) ?? '';
  const cgi = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: header('content-type'),
      // Clients gzip large fetch negotiations; protocol v2 is asked for in a header.
      HTTP_CONTENT_ENCODING: header('content-encoding'),
      HTTP_GIT_PROTOCOL: header('git-protocol'),
      REMOTE_ADDR: req.socket.remoteAddress ?? '',
      ...(req.headers.authorization ? { REMOTE_USER: 'git' } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let stderr = '';
  cgi.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    cgi.stdout.off('data', onData);
    let status = 200;
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
    cgi.stdout.pipe(res);
  };
  cgi.stdout.on('data', onData);
  cgi.on('close', (code) => {
    if (res.headersSent) return;
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`git http-backend exited with code ${code}: ${stderr}`);
  });
}
