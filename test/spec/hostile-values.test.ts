import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { testenvBin } from '../../testenv/paths.js';
import { repoRoot, runCto, TEST_ENV } from '../support/cli.js';

/**
 * The hostile values, given to every command that acts: each is refused at its line before
 * anything happens. Shell payloads would create a canary file if any shell ever ran them; a path
 * out of the state folder would show up as a file outside the spec's folder; an API call would hit
 * the recording endpoint.
 */
const root = mkdtempSync(join(tmpdir(), 'cto-hostile-'));
const canary = join(root, 'PWNED');
const CASES: { what: string; path: string[]; value: string }[] = [
  { what: 'a cluster name that climbs out of .cto/', path: ['metadata', 'name'], value: '../../etc' },
  { what: 'a node name with a newline', path: ['metadata', 'name'], value: 'cto\nprod' },
  { what: 'a shell command in installDisk', path: ['spec', 'talos', 'installDisk'], value: `/dev/sda; touch ${canary}` },
  { what: 'a command substitution in the Mayastor disk', path: ['spec', 'storage', 'mayastor', 'disk'], value: `$(touch ${canary})` },
];
const COMMANDS = [['plan'], ['apply', '--auto-approve'], ['destroy', '--allow-destroy', '--auto-approve'], ['unlock'], ['graph']];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

describe('hostile values never get past the spec', () => {
  let api: Server;
  const requests: string[] = [];

  beforeAll(async () => {
    api = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => api.close(() => r())));

  it.each(CASES)('$what: every command exits 1 at its line, with no call, no file, no shell', async ({ path, value }) => {
    const dir = join(mkdtempSync(join(root, 'case-')), 'a', 'b');
    mkdirSync(dir, { recursive: true });
    const doc = parseDocument(readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8'));
    doc.setIn(path, value);
    doc.setIn(['spec', 'provider', 'latitude', 'endpoint'], `http://127.0.0.1:${(api.address() as AddressInfo).port}`);
    const spec = join(dir, 'cluster.yaml');
    writeFileSync(spec, String(doc));
    const line = String(doc).split('\n').findIndex((l) => l.trimStart().startsWith(`${path.at(-1)}:`)) + 1;
    const before = filesUnder(root);
    for (const command of COMMANDS) {
      const r = await runCto([...command, '-f', spec], { env: { ...TEST_ENV, CTO_TALOSCTL: testenvBin('talosctl'), CTO_HELM: testenvBin('helm') }, cwd: dir });
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr, command[0]).toMatch(new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: `));
      expect(r.stderr, command[0]).not.toMatch(/internal error|\n\s+at /);
    }
    expect(requests).toEqual([]);
    expect(existsSync(canary)).toBe(false);
    expect(filesUnder(root)).toEqual(before);
  });
});
