import type { Talosctl } from '../../clients/talos/talosctl.js';
import { serverTagFromVersionOutput } from '../../clients/talos/version.js';
import { TalosError } from '../../clients/talos/errors.js';
import type { TalosResource } from '../../clients/talos/resources.js';
import type { StepContext } from '../step-kind.js';
import { nodeResources, runningConfig } from './node-reads.js';
import { apiServerVersion, kubeletVersion } from './version-fields.js';

/** What a configured node runs: its Talos release and schematic, and its Kubernetes components. */
export interface NodeVersions {
  /** `talosctl version`: the release the node booted, e.g. `v1.13.9`. */
  talos: string;
  /** The Image Factory schematic (the `schematic` extension); absent for images from elsewhere. */
  schematic?: string;
  /** The kubelet image tag of its config, e.g. `1.36.3`. */
  kubelet?: string;
  /** Control planes: the API server image tag of its config. */
  apiServer?: string;
}

/**
 * Reads a node's versions through its authenticated Talos API: three reads (version, extensions,
 * machine config), shared by every step of the run until `forgetNodeVersions` (after an upgrade).
 * Kept apart from the Talos probe: it answers a different question, and only steps that compare
 * versions pay for it.
 */
export function readNodeVersions(ctx: StepContext, talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  // The extensions and the config come from the run's shared reads (one process for every node).
  return ctx.cache.once(`talos:versions:${ip}`, async () =>
    versionsOf(ip, ...(await Promise.all([talosctl.serverVersion(ip), nodeResources(ctx, ip, 'extensions'), runningConfig(ctx, ip)]))),
  );
}

export function forgetNodeVersions(ctx: StepContext, ip: string): void {
  ctx.cache.invalidate(`talos:versions:${ip}`);
}

/** The node's versions read now, each on its own (after an upgrade, when no earlier answer may serve). */
export async function readNow(talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  return versionsOf(ip, ...(await Promise.all([talosctl.serverVersion(ip), talosctl.resources(ip, 'extensions', { insecure: false }), talosctl.machineConfig(ip)])));
}

function versionsOf(ip: string, version: string, extensions: TalosResource[], config: string): NodeVersions {
  const talos = serverTagFromVersionOutput(version);
  if (!talos) throw new TalosError('Unknown', `talosctl version on ${ip} printed no server Tag`, true);
  const schematic = extensions
    .map((r) => r.spec as { metadata?: { name?: string; version?: string } })
    .find((s) => s.metadata?.name === 'schematic')?.metadata?.version;
  const kubelet = kubeletVersion(config);
  const apiServer = apiServerVersion(config);
  return { talos, ...(schematic ? { schematic } : {}), ...(kubelet ? { kubelet } : {}), ...(apiServer ? { apiServer } : {}) };
}
