import type { Talosctl } from '../../clients/talos/talosctl.js';
import { serverTagFromVersionOutput } from '../../clients/talos/version.js';
import { TalosError } from '../../clients/talos/errors.js';
import type { StepContext } from '../step-kind.js';
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
  return ctx.cache.once(`talos:versions:${ip}`, () => readNow(talosctl, ip));
}

export function forgetNodeVersions(ctx: StepContext, ip: string): void {
  ctx.cache.invalidate(`talos:versions:${ip}`);
}

export async function readNow(talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  const [version, extensions, config] = await Promise.all([
    talosctl.serverVersion(ip),
    talosctl.resources(ip, 'extensions', { insecure: false }),
    talosctl.machineConfig(ip),
  ]);
  const talos = serverTagFromVersionOutput(version);
  if (!talos) throw new TalosError('Unknown', `talosctl version on ${ip} printed no server Tag`, true);
  const schematic = extensions
    .map((r) => r.spec as { metadata?: { name?: string; version?: string } })
    .find((s) => s.metadata?.name === 'schematic')?.metadata?.version;
  const kubelet = kubeletVersion(config);
  const apiServer = apiServerVersion(config);
  return { talos, ...(schematic ? { schematic } : {}), ...(kubelet ? { kubelet } : {}), ...(apiServer ? { apiServer } : {}) };
}
