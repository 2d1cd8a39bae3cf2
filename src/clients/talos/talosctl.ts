import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import { TalosError, parseTalosError } from './errors.js';
import { parseEtcdMembers, type EtcdMember } from './etcd-members.js';
import { parseResources, parseYamlResources, type TalosResource } from './resources.js';
import { parseServiceList, type TalosService } from './services.js';
import { serverTagsFromVersionOutput } from './version.js';
import { envConfig } from '../../config/env.js';

export interface TalosctlOptions {
  /** The binary: `CTO_TALOSCTL`, else `talosctl` on PATH (see `talosctlBinary`). */
  bin: string;
  /** The cluster's talosconfig (state `talos/talosconfig`), for calls to configured nodes. */
  talosconfig: string;
  /** Removes secret values from any text kept from talosctl's output. */
  redact: (text: string) => string;
  signal?: AbortSignal;
  /** Per call; a node that stops answering mid-call must not hang a step. */
  timeoutMs?: number;
}

export type ApplyMode = 'auto' | 'no-reboot' | 'reboot' | 'staged' | 'try';

export interface GenConfigOptions {
  cluster: string;
  /** `https://<cp-0 ipv4>:6443`. */
  endpoint: string;
  secrets: string;
  /** `--talos-version` contract, e.g. `v1.13`. */
  contract: string;
  kubernetesVersion: string;
  installDisk: string;
  installImage: string;
  /** YAML texts, applied in order; passed as `@file` so nothing secret lands on a command line. */
  patches: string[];
  additionalSans: string[];
  role: 'controlplane' | 'worker';
}

/** What `gen config` rendered for one node. Both hold secrets. */
export interface GeneratedConfig {
  config: string;
  talosconfig: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export function talosctlBinary(env: Record<string, string | undefined>): string {
  return envConfig(env).talosctl;
}

/**
 * The Talos client: every call is the real `talosctl`, spawned with an
 * argument array (never a shell). Node calls always pass `-n IP -e IP` so the
 * talosconfig's endpoints never route a call through another node.
 */
export class Talosctl {
  constructor(readonly options: TalosctlOptions) {}

  // ---- local commands -------------------------------------------------------

  async clientVersion(): Promise<string> {
    return this.#run(['version', '--client']);
  }

  /** A new secrets bundle, as text. */
  async genSecrets(contract: string): Promise<string> {
    return withTempDir(async (dir) => {
      const file = join(dir, 'secrets.yaml');
      await this.#run(['gen', 'secrets', '-o', file, '--talos-version', contract]);
      return readFile(file, 'utf8');
    });
  }

  async genConfig(o: GenConfigOptions): Promise<GeneratedConfig> {
    return withTempDir(async (dir) => {
      const secrets = join(dir, 'secrets.yaml');
      await writeFile(secrets, o.secrets, { mode: 0o600 });
      const args = ['gen', 'config', o.cluster, o.endpoint, '--with-secrets', secrets];
      args.push('--talos-version', o.contract, '--kubernetes-version', o.kubernetesVersion);
      args.push('--install-disk', o.installDisk, '--install-image', o.installImage);
      for (const [i, patch] of o.patches.entries()) {
        const file = join(dir, `patch-${i}.yaml`);
        await writeFile(file, patch, { mode: 0o600 });
        args.push('--config-patch', `@${file}`);
      }
      if (o.additionalSans.length > 0) args.push('--additional-sans', o.additionalSans.join(','));
      args.push('--with-docs=false', '--with-examples=false');
      const out = join(dir, 'out');
      args.push('--output-types', `${o.role},talosconfig`, '-o', out, '--force');
      await this.#run(args);
      return {
        config: await readFile(join(out, `${o.role}.yaml`), 'utf8'),
        talosconfig: await readFile(join(out, 'talosconfig'), 'utf8'),
      };
    });
  }

  /** Throws a TalosError listing every problem when the config is not valid for bare metal. */
  async validate(config: string): Promise<void> {
    await withTempDir(async (dir) => {
      const file = join(dir, 'config.yaml');
      await writeFile(file, config, { mode: 0o600 });
      await this.#run(['validate', '--config', file, '--mode', 'metal', '--strict']);
    });
  }

  // ---- node calls -------------------------------------------------------------

  async machineStatus(ip: string, how: { insecure: boolean }): Promise<TalosResource> {
    const args = how.insecure
      ? ['-n', ip, '-e', ip, 'get', 'machinestatus', '--insecure', '-o', 'json']
      : this.#authenticated(ip, 'get', 'machinestatus', '-o', 'json');
    return single(parseResources(await this.#run(args)), 'machinestatus', ip);
  }

  /**
   * `talosctl get <type>` of many nodes in one process, routed by apid on `endpoint`
   * (`-n ip1,ip2,… -e endpoint`). Per node: its resources, or nothing when that node failed
   * (down, in maintenance mode, another cluster's): callers read those one by one, which
   * keeps the per-node errors as they are.
   */
  async resourcesOfNodes(ips: string[], endpoint: string, type: string, output: 'json' | 'yaml' = 'json'): Promise<Map<string, TalosResource[]>> {
    const args = ['--talosconfig', this.options.talosconfig, '-n', ips.join(','), '-e', endpoint, 'get', type, '-o', output];
    const stdout = await this.#run(args, undefined, { partial: true });
    const out = new Map<string, TalosResource[]>();
    for (const r of output === 'json' ? parseResources(stdout) : parseYamlResources(stdout)) {
      if (r.node !== undefined) out.set(r.node, [...(out.get(r.node) ?? []), r]);
    }
    return out;
  }

  /**
   * `talosctl version` of many nodes in one process, routed by apid on `endpoint`: per node the
   * server Tag it printed. A node that failed there is absent (talosctl warns about it on stderr and
   * prints the others); callers read it on its own, which keeps its error as it is.
   */
  async serverTagsOfNodes(ips: string[], endpoint: string): Promise<Map<string, string>> {
    const args = ['--talosconfig', this.options.talosconfig, '-n', ips.join(','), '-e', endpoint, 'version'];
    return serverTagsFromVersionOutput(await this.#run(args, undefined, { partial: true }));
  }

  async disks(ip: string): Promise<TalosResource[]> {
    return this.resources(ip, 'disks', { insecure: true });
  }

  /** `talosctl get <type>`: in maintenance mode (`insecure`) or with the cluster's talosconfig. */
  async resources(ip: string, type: string, how: { insecure: boolean }): Promise<TalosResource[]> {
    const args = how.insecure ? ['-n', ip, '-e', ip, 'get', type, '--insecure', '-o', 'json'] : this.#authenticated(ip, 'get', type, '-o', 'json');
    return parseResources(await this.#run(args));
  }

  /** Maintenance mode: one node per call (`--insecure` with several nodes only applies to the first). */
  async applyConfigInsecure(ip: string, config: string): Promise<void> {
    await withConfigFile(config, (file) => this.#run(['apply-config', '--insecure', '-n', ip, '-e', ip, '--file', file], 120_000));
  }

  /** Configured node; with `dryRun` returns talosctl's dry-run summary and diff (which it prints to stderr). */
  async applyConfig(ip: string, config: string, mode: ApplyMode, dryRun = false): Promise<string> {
    return withConfigFile(config, (file) => {
      const args = this.#authenticated(ip, 'apply-config', '--file', file, '--mode', mode);
      if (dryRun) args.push('--dry-run');
      return this.#run(args, 120_000, { withStderr: dryRun });
    });
  }

  /** The config the node runs, as text (holds secrets: callers must not print it). */
  async machineConfig(ip: string): Promise<string> {
    const [resource] = parseYamlResources(await this.#run(this.#authenticated(ip, 'get', 'machineconfig', '-o', 'yaml')));
    const spec = resource?.spec;
    if (typeof spec !== 'string') {
      throw new TalosError('Unknown', `talosctl get machineconfig on ${ip} returned no config`, false);
    }
    return spec;
  }

  async bootstrap(ip: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'bootstrap'));
  }

  /** A fresh admin kubeconfig, as text (holds a client key). */
  async kubeconfig(ip: string): Promise<string> {
    return withTempDir(async (dir) => {
      const file = join(dir, 'kubeconfig');
      await this.#run(this.#authenticated(ip, 'kubeconfig', file, '--merge=false', '--force'));
      return readFile(file, 'utf8');
    });
  }

  /** The `STATE` of a Talos service (`Running`, `Preparing`, `Waiting`…). */
  async serviceState(ip: string, service: string): Promise<string> {
    const out = await this.#run(this.#authenticated(ip, 'service', service));
    const m = /^STATE\s+(\S+)/m.exec(out);
    if (!m) throw new TalosError('Unknown', `talosctl service ${service} on ${ip} printed no STATE`, false);
    return m[1]!;
  }

  /** Every machined service of the node, with its state and health (`talosctl service`). */
  async services(ip: string): Promise<TalosService[]> {
    return parseServiceList(await this.#run(this.#authenticated(ip, 'service')));
  }

  async serverVersion(ip: string): Promise<string> {
    return this.#run(this.#authenticated(ip, 'version'));
  }

  /** The cluster's etcd members, as the node's own etcd lists them (`talosctl etcd members`). */
  async etcdMembers(ip: string): Promise<EtcdMember[]> {
    return parseEtcdMembers(await this.#run(this.#authenticated(ip, 'etcd', 'members')));
  }

  /**
   * `talosctl etcd leave`: the node removes its own member, stops etcd and drops its data. Talos
   * retries an "unhealthy cluster" refusal for up to 5 minutes before it answers.
   */
  async etcdLeave(ip: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'etcd', 'leave'), 6 * 60_000);
  }

  /** `talosctl etcd remove-member <id>`, asked of a member that stays: for a member whose node cannot leave. */
  async etcdRemoveMember(ip: string, memberId: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'etcd', 'remove-member', memberId));
  }

  /**
   * `talosctl upgrade` to an installer image, without talosctl's own drain and wait: cto cordons,
   * drains and waits for the new version itself. The installer pull can take minutes on real nodes.
   */
  async upgrade(ip: string, image: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'upgrade', '--image', image, '--drain=false', '--wait=false'), 15 * 60_000);
  }

  /** `talosctl etcd snapshot <file>`: talosctl checks the snapshot's checksum before it keeps the file. */
  async etcdSnapshot(ip: string, file: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'etcd', 'snapshot', file), 10 * 60_000);
  }

  /** `talosctl read <path>`: a file the node serves (`/proc/sys/kernel/random/boot_id`). */
  async read(ip: string, path: string): Promise<string> {
    return this.#run(this.#authenticated(ip, 'read', path));
  }

  async reset(ip: string): Promise<void> {
    await this.#run(this.#authenticated(ip, 'reset', '--graceful=false', '--reboot=false'), 120_000);
  }

  #authenticated(ip: string, ...rest: string[]): string[] {
    return ['--talosconfig', this.options.talosconfig, '-n', ip, '-e', ip, ...rest];
  }

  /**
   * With `partial`, a non-zero exit still returns what was printed: a many-node read where some nodes failed.
   * With `withStderr`, what talosctl printed to stderr too (the apply dry-run summary goes there).
   */
  async #run(args: string[], timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, how: { partial?: boolean; withStderr?: boolean } = {}): Promise<string> {
    const result = await execa(this.options.bin, args, {
      reject: false,
      timeout: timeoutMs,
      ...(this.options.signal ? { cancelSignal: this.options.signal } : {}),
      stdin: 'ignore',
      // Out of cto's process group: a Ctrl-C typed at the terminal reaches that whole group, and would kill a
      // talosctl mid-write while cto drains. cto stops it itself, through the signal, when it aborts.
      detached: true,
      // A user's TALOSCONFIG must never redirect calls meant for this cluster.
      env: { TALOSCONFIG: this.options.talosconfig },
    });
    if (result.code === 'ENOENT') throw missingTalosctl(this.options.bin);
    if (result.timedOut) {
      throw new TalosError('DeadlineExceeded', `talosctl ${verb(args)} did not answer within ${Math.round(timeoutMs / 1000)}s`, true);
    }
    if (result.isCanceled) throw new TalosError('Canceled', `talosctl ${verb(args)} was cancelled`, false);
    if (result.exitCode !== 0 && !how.partial) throw parseTalosError(String(result.stderr || result.stdout), this.options.redact);
    return how.withStderr ? this.options.redact(`${String(result.stdout)}\n${String(result.stderr)}`) : String(result.stdout);
  }
}

export function missingTalosctl(bin: string): CtoError {
  return new CtoError({
    severity: 'error',
    message: `talosctl not found (${bin})`,
    hint: 'install talosctl (https://www.talos.dev) and put it on PATH or set CTO_TALOSCTL to its path; for the test environment run `npm run testenv:build`',
  });
}

/** Rendered configs and bundles hold secrets: they only touch disk in a private temp dir, removed after the call. */
async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cto-talos-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function withConfigFile<T>(config: string, fn: (file: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'config.yaml');
    await writeFile(file, config, { mode: 0o600 });
    return fn(file);
  });
}

function single(resources: TalosResource[], what: string, ip: string): TalosResource {
  const first = resources[0];
  if (!first) throw new TalosError('NotFound', `talosctl get ${what} on ${ip} returned nothing`, true);
  return first;
}

/** The subcommand, for messages: the args without flags and their values. */
function verb(args: string[]): string {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (!a.includes('=') && ['-n', '-e', '--talosconfig', '-o'].includes(a)) i++;
      continue;
    }
    words.push(a);
    if (words.length === 2) break;
  }
  return words.join(' ');
}
