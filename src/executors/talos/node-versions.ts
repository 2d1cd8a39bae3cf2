import type { Talosctl } from '../../clients/talos/talosctl.js';
import { serverTagFromVersionOutput } from '../../clients/talos/version.js';
import { TalosError } from '../../clients/talos/errors.js';
import type { TalosResource } from '../../clients/talos/resources.js';
import type { StepContext } from '../step-kind.js';
import { nodeResources, runningConfig, sharedServerTag } from './node-reads.js';
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
 * machine config), each from the run's shared reads (one process for every node), the answer
 * shared by every step of the run until `forgetNodeVersions` (after an upgrade).
 * Kept apart from the Talos probe: it answers a different question, and only steps that compare
 * versions pay for it.
 */
export function readNodeVersions(ctx: StepContext, talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  // From the run's shared reads (one process for every node); a node that failed there is read on its own.
  return ctx.cache.once(`talos:versions:${ip}`, async () =>
    versionsOf(...(await Promise.all([sharedServerTag(ctx, ip).then((tag) => tag ?? serverTag(talosctl, ip)), nodeResources(ctx, ip, 'extensions'), runningConfig(ctx, ip)]))),
  );
}

export function forgetNodeVersions(ctx: StepContext, ip: string): void {
  ctx.cache.invalidate(`talos:versions:${ip}`);
}

/** The node's versions read now, each on its own (after an upgrade, when no earlier answer may serve). */
export async function readNow(talosctl: Talosctl, ip: string): Promise<NodeVersions> {
  return versionsOf(...(await Promise.all([serverTag(talosctl, ip), talosctl.resources(ip, 'extensions', { insecure: false }), talosctl.machineConfig(ip)])));
}

async function serverTag(talosctl: Talosctl, ip: string): Promise<string> {
  const tag = serverTagFromVersionOutput(await talosctl.serverVersion(ip));
  if (!tag) throw new TalosError('Unknown', `talosctl version on ${ip} printed no server Tag`, true);
  return tag;
}

function versionsOf(talos: string, extensions: TalosResource[], config: string): NodeVersions {
  const schematic = extensions
    .map((r) => r.spec as { metadata?: { name?: string; version?: string } })
    .find((s) => s.metadata?.name === 'schematic')?.metadata?.version;
  const kubelet = kubeletVersion(config);
  const apiServer = apiServerVersion(config);
  return { talos, ...(schematic ? { schematic } : {}), ...(kubelet ? { kubelet } : {}), ...(apiServer ? { apiServer } : {}) };
}
