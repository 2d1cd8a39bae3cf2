// Runs the real talosctl against simulated nodes, in a scratch HOME so it
// never reads or writes the developer's ~/.talos.
import { execa } from 'execa';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { testenvBin } from '../../testenv/paths.js';

export interface Result {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class Talosctl {
  private constructor(readonly dir: string) {}

  static async create(): Promise<Talosctl> {
    return new Talosctl(await mkdtemp(join(tmpdir(), 'talos-sim-test-')));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async run(args: string[]): Promise<Result> {
    const r = await execa(testenvBin('talosctl'), args, {
      cwd: this.dir,
      env: { HOME: this.dir, TALOSCONFIG: '' },
      reject: false,
      timeout: 60_000,
    });
    return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Like run, but a non-zero exit is a test failure. */
  async ok(args: string[]): Promise<string> {
    const r = await this.run(args);
    if (r.exitCode !== 0) throw new Error(`talosctl ${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r.stdout;
  }

  /**
   * `talosctl gen secrets` + `gen config` for cluster `name` into <dir>/<out ?? name>/
   * (controlplane.yaml, worker.yaml, talosconfig), with per-role patches given as objects.
   */
  async genConfig(
    name: string,
    opts: { installDisk: string; patchAll?: object; patchWorker?: object; secrets?: string; out?: string },
  ): Promise<string> {
    const out = this.path(opts.out ?? name);
    await mkdir(out, { recursive: true });
    const secrets = opts.secrets ?? join(out, 'secrets.yaml');
    if (opts.secrets === undefined) await this.ok(['gen', 'secrets', '-o', secrets]);
    const args = ['gen', 'config', name, 'https://127.0.0.1:6443', '--with-secrets', secrets, '--install-disk', opts.installDisk,
      '--with-docs=false', '--with-examples=false', '-o', out, '--force'];
    for (const [flag, patch, file] of [
      ['--config-patch', opts.patchAll, 'patch-all.yaml'],
      ['--config-patch-worker', opts.patchWorker, 'patch-worker.yaml'],
    ] as const) {
      if (patch === undefined) continue;
      const patchFile = join(this.dir, `${opts.out ?? name}-${file}`);
      await writeFile(patchFile, stringify(patch));
      args.push(flag, `@${patchFile}`);
    }
    await this.ok(args);
    return out;
  }

  /** `talosctl get ... -o json`: one indented JSON object per resource, concatenated. */
  async getJson(args: string[]): Promise<Resource[]> {
    return parseConcatenatedJson(await this.ok(['get', ...args, '-o', 'json'])) as Resource[];
  }
}

export interface Resource {
  node: string;
  metadata: { id: string; type: string; namespace: string };
  spec: any;
}

/** Splits `{...}{...}` (with any whitespace between) into values. */
export function parseConcatenatedJson(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

export async function eventually<T>(what: string, get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs / 1000} s: ${JSON.stringify(value)}`);
    await sleep(100);
  }
}
