// Launcher for testenv/talos-node-sim: simulated Talos nodes that speak the
// real Talos API on their own loopback addresses, so the real talosctl drives
// them. The Latitude simulator plugs boot/remove into its server hooks.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testenvBin } from './paths.js';
import { logTail, startProcess, stopProcess } from './processes.js';

export interface TalosNodeSpec {
  /** A 127.0.0.0/8 address; the node serves the Talos API on <address>:50000. */
  address: string;
  hostname: string;
  disks: string[];
  /** The machine's physical network links, its public address on the first (default eno1, eno2). */
  links?: string[];
}

export interface NodeState extends TalosNodeSpec {
  mode: 'maintenance' | 'configured';
  /**
   * Talos machine stage: maintenance, installing, booting, running, rebooting, resetting. A configured
   * control plane stays booting until its etcd is bootstrapped or joined; a worker runs once its CRI is up.
   */
  stage: string;
  /** MachineStatus' ready flag: every service healthy and the Node registered. */
  ready: boolean;
  /** false while installing/rebooting: connections are refused. */
  reachable: boolean;
  /** controlplane | worker once configured. */
  role?: string;
  /** Kubernetes Node name: machine.network.hostname from the config, else the given hostname. */
  nodeName: string;
  bootstrapped: boolean;
  /** Every Bootstrap call the node received, including rejected ones. */
  bootstrapCalls: number;
  appliedConfigs: number;
  etcdRunning: boolean;
  /** The Talos images on its disk (upgrade.go in the simulator). */
  os: {
    /** What the running boot reports (`talosctl version`, the `schematic` extension); empty in maintenance. */
    version: string;
    schematic: string;
    /** The default boot entry's installer image. */
    installed: string;
    upgrades: number;
    rollbackFault: boolean;
    etcdSnapshots: number;
  };
}

export interface TalosNodes {
  controlUrl: string;
  boot(node: TalosNodeSpec): Promise<void>;
  /** Powers the node off for good; a node that is not there is already removed. */
  remove(address: string): Promise<void>;
  /** Fault: the node's API refuses connections for a reboot (the scaled reboot time, or `seconds` real seconds). */
  reboot(address: string, opts?: { seconds?: number }): Promise<void>;
  /** Fault switches: `upgradeRollback` makes the next boot of a newly installed image fall back to the old one (A/B). */
  faults(address: string, faults: { upgradeRollback: boolean }): Promise<void>;
  nodes(): Promise<NodeState[]>;
  stop(): Promise<void>;
}

export interface TalosNodesOptions {
  /** Admin kubeconfig of the local control plane: Nodes are registered there and `talosctl kubeconfig` returns it. */
  kubeconfigPath: string;
  /** 1 = real Talos timings (install ~3 min, reboot ~1 min, CRI up ~30 s after boot). */
  timeScale: number;
  binary?: string;
}

/**
 * The Latitude simulator's server hooks: a deployed server boots as a Talos
 * node in maintenance mode at its IPv4; a deleted (or reinstalled) one goes away.
 */
export function latitudeHooks(nodes: Pick<TalosNodes, 'boot' | 'remove'>): {
  onServerDeployed: (server: { hostname: string; ipv4: string; disks: string[] }) => Promise<void>;
  onServerDeleted: (server: { ipv4: string }) => Promise<void>;
} {
  return {
    onServerDeployed: (s) => nodes.boot({ address: s.ipv4, hostname: s.hostname, disks: s.disks }),
    onServerDeleted: (s) => nodes.remove(s.ipv4),
  };
}

const listening = /control API listening on (http:\/\/\S+)/;

export async function startTalosNodes(opts: TalosNodesOptions): Promise<TalosNodes> {
  const dir = await mkdtemp(join(tmpdir(), 'talos-node-sim-'));
  const binary = opts.binary ?? testenvBin('talos-node-sim');
  const proc = startProcess(dir, 'talos-node-sim', binary, [
    '--control', '127.0.0.1:0',
    '--kubeconfig', opts.kubeconfigPath,
    '--time-scale', String(opts.timeScale),
  ]);

  const controlUrl = await waitForControlUrl(proc.logPath, proc.exited).catch(async (err: Error) => {
    await stopProcess(proc);
    throw new Error(`talos-node-sim did not start: ${err.message}\n${await logTail(proc)}`);
  });

  async function call(method: string, path: string, body?: unknown, allow404 = false): Promise<Response> {
    const res = await fetch(controlUrl + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok && !(allow404 && res.status === 404)) {
      const detail = (await res.json().catch(() => ({}))) as { error?: string };
      throw new Error(`talos-node-sim ${method} ${path}: ${res.status} ${detail.error ?? res.statusText}`);
    }
    return res;
  }

  return {
    controlUrl,
    boot: async (node) => void (await call('POST', '/nodes', node)),
    remove: async (address) => void (await call('DELETE', `/nodes/${encodeURIComponent(address)}`, undefined, true)),
    reboot: async (address, o) => void (await call('POST', `/nodes/${encodeURIComponent(address)}/reboot`, o ?? {})),
    faults: async (address, f) => void (await call('POST', `/nodes/${encodeURIComponent(address)}/faults`, f)),
    nodes: async () => (await (await call('GET', '/nodes')).json()) as NodeState[],
    stop: () => stopProcess(proc),
  };
}

async function waitForControlUrl(logPath: string, exited: Promise<string>, timeoutMs = 30_000): Promise<string> {
  let exit: string | undefined;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = listening.exec(await readFile(logPath, 'utf8').catch(() => ''));
    if (match?.[1] !== undefined) return match[1];
    if (exit !== undefined) throw new Error(exit);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no control API after ${timeoutMs / 1000} s`);
}
