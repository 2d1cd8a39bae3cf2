import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { testenvBin } from '../../testenv/paths.js';
import { repoRoot, type CliResult } from '../support/cli.js';

/**
 * `cto` as a user gets it: the README's install section, run as written in a copy of this checkout, with
 * `npm install -g` pointed at a fresh prefix (npm_config_prefix), then the installed `cto` run from a folder
 * outside the repository with nothing of the repository on PATH. The Node that runs this test runs all of
 * it, so `.ci/run` covers each Node version it names.
 */
const work = mkdtempSync(join(tmpdir(), 'cto-packed-'));
const checkout = join(work, 'checkout');
const prefix = join(work, 'prefix');
const elsewhere = join(work, 'elsewhere');
const env = {
  PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
  HOME: process.env.HOME ?? work,
};

/**
 * The user's own environment, for npm: it may need a proxy or a CA bundle to reach the registry. Without
 * what an outer `npm test` or vitest put there, which would point npm at this repository.
 */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|INIT_CWD$|NODE_OPTIONS$|VITEST)/i.test(k)));

function sh(command: string, opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: opts.cwd, env: { ...env, ...opts.env }, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The commands of the README's install section: the first `sh` block under `## Install`, comments dropped. */
function installCommands(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Install\n'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** Bare module names the shipped code imports or requires. */
function importedPackages(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:@[\w.-]+\/)?\w[\w.-]*)(?:\/[^"']*)?["']/g)) names.add(m[1]!);
  }
  return names;
}

describe('the packed tarball, installed as the README says', () => {
  const ran: { command: string; result: CliResult }[] = [];

  beforeAll(async () => {
    // A copy of the checkout as git sees it: packing builds there, and this repository's dist/ stays the other tests'.
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(checkout, f));
    // Stands in for `npm ci`, which would delete and refill the dependencies for nothing.
    symlinkSync(join(repoRoot, 'node_modules'), join(checkout, 'node_modules'));
    mkdirSync(elsewhere);
    for (const command of installCommands()) {
      if (command === 'npm ci') continue;
      const result = await sh(command, { cwd: checkout, env: { ...userEnv, PATH: env.PATH, npm_config_prefix: prefix, npm_config_audit: 'false', npm_config_fund: 'false' } });
      ran.push({ command, result });
      if (result.code !== 0) break;
    }
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the install section packs and installs the package, and cto --version answers', () => {
    expect(ran.map((r) => r.command)).toEqual(['npm pack', `npm install -g ./cto-${pkg.version}.tgz`, 'cto --version']);
    for (const { command, result } of ran) expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    // The installed cto ran on the Node that runs this test (.ci/run runs it on each Node it tests).
    expect(ran.at(-1)!.result.stdout).toBe(`cto/${pkg.version} linux-x64 node-${process.version}\n`);
  });

  it('ships the CLI alone: bin/ and dist/, nothing of the demo, the tests or the sources', () => {
    const listing = execFileSync('tar', ['tzf', join(checkout, `cto-${pkg.version}.tgz`)], { encoding: 'utf8' }).trim().split('\n');
    const outside = listing.filter((f) => !/^package\/(bin\/cto|dist\/[\w.-]+\.js(\.map)?|package\.json|README\.md|LICENSE)$/.test(f));
    expect(outside).toEqual([]);
    expect(listing).toContain('package/dist/cto.js');
  });

  it('imports at run time only Node built-ins and its declared dependencies', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'cto');
    const declared = new Set(Object.keys(pkg.dependencies));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const stray = [...importedPackages(join(installed, 'dist'))].filter((m) => !builtins.has(m) && !declared.has(m));
    expect(stray).toEqual([]);
  });

  describe('run from outside the repository', () => {
    let sim: ChildProcess;
    let spec: string;

    beforeAll(async () => {
      sim = spawn(join(prefix, 'bin', 'cto'), ['sim', 'serve', '--port', '0', '--time-scale', '0.01'], { cwd: elsewhere, env, stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        sim.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        sim.once('error', reject);
        sim.once('exit', (code) => reject(new Error(`cto sim serve exited with ${code}: ${out}`)));
      });
      spec = join(elsewhere, 'cluster.yaml');
      const example = readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8');
      writeFileSync(spec, example.replace('      apiKey: ${env:LATITUDE_API_KEY}\n', `      apiKey: \${env:LATITUDE_API_KEY}\n      endpoint: ${url}\n`));
    }, 60_000);
    afterAll(() => void sim?.kill());

    it('cto validate: exit 0 without any secret in the environment', async () => {
      const r = await sh('cto validate -f cluster.yaml', { cwd: elsewhere });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('cluster.yaml: valid (cto-prod)\n');
    });

    it('cto plan against the simulator: the markdown plan of a new cluster', async () => {
      const talosctl = dirname(testenvBin('talosctl'));
      const r = await sh('cto plan -f cluster.yaml --format markdown --detailed-exitcode', {
        cwd: elsewhere,
        env: { PATH: `${env.PATH}${delimiter}${talosctl}`, LATITUDE_API_KEY: 'sim-api-key', LATITUDE_PROJECT_ID: 'cto-sim' },
      });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toContain('### cto plan: `cto-prod`');
      expect(r.stdout).toContain('+ server/cp-0: create: server does not exist');
      expect(r.stdout).toMatch(/\*\*Plan: \d+ to create, 0 to update, 0 to destroy\.\*\*/);
    });
  });
});
