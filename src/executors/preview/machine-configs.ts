import { TalosError } from '../../clients/talos/errors.js';
import { addr } from '../../planner/address.js';
import { BOOTSTRAP_NODE } from '../../planner/nodes.js';
import { atStep } from '../step-error.js';
import type { StepContext } from '../step-kind.js';
import type { ConfigDesired } from '../talos/config.js';
import { redactMachineConfig } from '../talos/redact-config.js';
import { renderNodeConfig } from '../talos/render.js';
import type { RenderBundle } from './bundle.js';
import { talosctlFor } from '../talos/talosctl-for.js';
import { clusterEndpoint, serverAddress } from '../latitude/addresses.js';

/** Where the cluster endpoint's address goes while server/cp-0 has none: a name that can never resolve (RFC 2606 `.invalid`). */
const PLACEHOLDER_ENDPOINT_HOST = `${BOOTSTRAP_NODE}.address-unknown.invalid`;

export interface NodeConfigPreview {
  node: ConfigDesired;
  /** The machine config's documents (v1alpha1 first), key material redacted. */
  documents: string[];
  notes: string[];
  /** What `talosctl validate --mode metal --strict` said against the config, when it refused it (the node would too). */
  refused?: string;
}

/**
 * Each node's machine config as `talos/config/<node>` renders it, from that
 * step's desired state (`renderNodeConfig`: same `gen config` inputs, same patches), with the
 * cluster endpoint from server/cp-0's address, or a placeholder and a note
 * saying `whyUnknown` when there is none.
 */
export async function previewMachineConfigs(ctx: StepContext, nodes: ConfigDesired[], bundle: RenderBundle, whyUnknown: string): Promise<NodeConfigPreview[]> {
  const talosctl = await talosctlFor(ctx);
  const known = serverAddress(ctx, BOOTSTRAP_NODE);
  const notes = [
    ...(bundle.throwaway ? [bundle.throwaway] : []),
    ...(known
      ? []
      : [`the cluster endpoint is server/${BOOTSTRAP_NODE}'s address, which is not known (${whyUnknown}): shown as ${clusterEndpoint(PLACEHOLDER_ENDPOINT_HOST)}`]),
    ...(ctx.spec.spec.network.private && ctx.outputOf('network') === undefined
      ? [`the VLAN link (and the VIP on it) is left out: its VLAN id is known once the network step has created the VLAN`]
      : ctx.spec.spec.network.private && !ctx.spec.spec.network.private.interface
        ? [`the VLAN link (and the VIP on it) is left out: spec.network.private.interface is not set, so talos/config reads each node's link from the node (its physical link without the public address) when it applies the config`]
        : []),
  ];
  const out: NodeConfigPreview[] = [];
  for (const node of nodes) {
    const { rendered, refused } = await atStep(addr.talosConfig(node.node), (t) => ctx.secrets.redact(t), async () => {
      const rendered = await renderNodeConfig(ctx, talosctl, node, known ?? PLACEHOLDER_ENDPOINT_HOST, bundle.text);
      const refused = await talosctl.validate(rendered.config).then(
        () => undefined,
        (err: unknown) => {
          if (!(err instanceof TalosError)) throw err;
          return problemsOf(ctx.secrets.redact(err.message));
        },
      );
      return { rendered, refused };
    });
    out.push({
      node,
      documents: redactMachineConfig(rendered.config).map((d) => ctx.secrets.redact(d)),
      notes,
      ...(refused ? { refused } : {}),
    });
  }
  return out;
}

/** talosctl's `1 error occurred: * v1alpha1.Config: … * <problem>` as `<problem>; <problem>`. */
function problemsOf(message: string): string {
  const items = message
    .split('\n')
    .map((l) => /^\s*\*\s+(.*)$/.exec(l)?.[1]?.trim())
    .filter((l): l is string => l !== undefined && !/^v1alpha1\.Config: \d+ errors? occurred:?$/.test(l));
  return items.length ? items.join('; ') : message.trim();
}
