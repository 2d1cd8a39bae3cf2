import { parseAllDocuments, stringify } from 'yaml';
import type { GenConfigOptions, GeneratedConfig, Talosctl } from '../../clients/talos/talosctl.js';
import { contractOf, parseTalosVersion } from '../../clients/talos/version.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Cluster } from '../../spec/types.gen.js';
import { addr } from '../../planner/address.js';
import type { StepContext } from '../step-kind.js';
import { certSans, nodeEndpointHost, peerServers, type NetworkFacts } from './network-patches.js';
import { installerImage, nodePatches, type NodeRole } from './patches.js';
import { clusterEndpoint, controlPlaneAddresses, publicServers } from '../latitude/addresses.js';

/**
 * The `talosctl gen config` inputs for one node. Pure: the cluster name,
 * endpoint, versions and patches all come from the spec, so re-rendering with
 * the same secrets gives the same config (Talos' reproducible-config rule).
 */
export interface LiveFacts extends NetworkFacts {
  /** The control planes whose servers exist, with their public addresses (for the certificates' SANs). */
  controlPlanes?: { node: string; ip: string }[];
}

export function genConfigOptions(spec: Cluster, node: NodeRole, endpointIp: string, secrets: string, facts: LiveFacts = {}): GenConfigOptions {
  const talos = spec.spec.talos;
  const version = parseTalosVersion(talos.version);
  if (!version) throw new CtoError({ severity: 'error', path: 'spec.talos.version', message: `invalid Talos version ${JSON.stringify(talos.version)}` });
  return {
    cluster: spec.metadata.name,
    endpoint: clusterEndpoint(nodeEndpointHost(spec, endpointIp)),
    secrets,
    contract: contractOf(version),
    kubernetesVersion: talos.kubernetesVersion,
    // A selector is rendered by the patches; `gen config` then writes no `machine.install.disk`.
    installDisk: typeof talos.installDisk === 'string' ? talos.installDisk : '',
    installImage: installerImage(spec),
    // Quoted: talosctl reads YAML 1.1, where a bare `off` or `yes` would be a boolean.
    patches: nodePatches(spec, node, facts).map((p) => stringify(p, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })),
    additionalSans: certSans(spec, facts.controlPlanes ?? [{ node: 'cp-0', ip: endpointIp }]),
    role: node.role,
  };
}

/** Renders once per node and run; plan and apply of the same run compare against the same text. */
export function renderNodeConfig(ctx: StepContext, talosctl: Talosctl, node: NodeRole, endpointIp: string, secrets: string, parent?: string): Promise<GeneratedConfig> {
  // Keyed by what the run knows of the world too: a control plane created since the plan's render adds SANs.
  const facts = liveFacts(ctx, parent);
  return ctx.cache.once(`talos:render:${node.node}:${endpointIp}:${JSON.stringify(facts)}`, async () => {
    const generated = await talosctl.genConfig(genConfigOptions(ctx.spec, node, endpointIp, secrets, facts));
    return { ...generated, config: withoutPersist(generated.config) };
  });
}

/**
 * `talosctl gen config` still writes `persist: true`, a v1alpha1 field Talos
 * deprecated as "not supported anymore" and dropped from its published
 * schema; removing it changes nothing on the node and keeps the config valid
 * against that schema.
 */
export function withoutPersist(config: string): string {
  const docs = parseAllDocuments(config);
  const main = docs.find((d) => d.get('version') === 'v1alpha1');
  if (!main?.has('persist')) return config;
  main.delete('persist');
  return docs.map((d) => d.toString().replace(/^---\n/, '')).join('---\n');
}

/**
 * The VLAN's id, the control planes' public addresses and the firewall's peers, as far as the run
 * knows them, and the node's VLAN parent link when it was read from the node (`vlanParent`).
 */
export function liveFacts(ctx: StepContext, parent?: string): LiveFacts {
  const vid = ctx.outputOf(addr.network)?.vid;
  const peers = peerServers(ctx.spec, publicServers(ctx).servers);
  return { controlPlanes: controlPlaneAddresses(ctx), ...(vid === undefined ? {} : { vid }), ...(peers.length ? { peers } : {}), ...(parent ? { parent } : {}) };
}
