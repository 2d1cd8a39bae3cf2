import { nodeDisk, nodeVolume, readBlockDevices, type NodeBlockDevices } from '../../clients/talos/block.js';
import type { TalosResource } from '../../clients/talos/resources.js';
import { Talosctl, talosctlBinary } from '../../clients/talos/talosctl.js';
import { clusterNodes } from '../../planner/nodes.js';
import { SharedRead } from '../batched-read.js';
import type { StepContext } from '../step-kind.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import { controlPlaneAddresses, serverAddress } from '../latitude/addresses.js';
import { talosctlFor } from './talosctl-for.js';
import { probeNode, stageOf, type NodeState } from './probe.js';

/** A round's answers serve callers that come within this long (a plan's observes, one poll tick). */
const ROUND_MAX_AGE_MS = 1_000;

type Output = 'json' | 'yaml';

/**
 * The run's shared Talos reads, one per kind of answer: of every node whose server has an address,
 * in one talosctl process per round, routed by apid on the first control plane. Not bound to any
 * one step's abort signal: a round serves many steps.
 */
function sharedRead<V>(ctx: StepContext, name: string, readMany: (talosctl: Talosctl, ips: string[], endpoint: string) => Promise<Map<string, V>>): Promise<SharedRead<V>> {
  return ctx.cache.once(`talos:node-reads:${name}`, async () => {
    const talosctl = new Talosctl({ bin: talosctlBinary(ctx.env), talosconfig: ctx.state.path(TALOSCONFIG_FILE), redact: (text) => ctx.secrets.redact(text) });
    const known = () => clusterNodes(ctx.spec).flatMap((n) => serverAddress(ctx, n.name) ?? []);
    const many = async (ips: string[]) => {
      const endpoint = controlPlaneAddresses(ctx)[0]?.ip;
      if (!endpoint || !(await ctx.state.exists(TALOSCONFIG_FILE))) return new Map<string, V>();
      return readMany(talosctl, ips, endpoint);
    };
    return new SharedRead(many, known, ROUND_MAX_AGE_MS);
  });
}

/** The node's resources of `type` from the shared read; undefined when the node did not answer there. */
export async function sharedResources(ctx: StepContext, ip: string, type: string, output: Output = 'json'): Promise<TalosResource[] | undefined> {
  const read = await sharedRead(ctx, `get ${type}`, (talosctl, ips, endpoint) => talosctl.resourcesOfNodes(ips, endpoint, type, output));
  return read.read(ip);
}

/** The Talos release a configured node runs (the server Tag of `talosctl version`) from the shared read; undefined when it did not answer there. */
export async function sharedServerTag(ctx: StepContext, ip: string): Promise<string | undefined> {
  const read = await sharedRead(ctx, 'version', (talosctl, ips, endpoint) => talosctl.serverTagsOfNodes(ips, endpoint));
  return read.read(ip);
}

/** The node's resources of `type` through our certificates, from the shared read, else read on its own. */
export async function nodeResources(ctx: StepContext, ip: string, type: string): Promise<TalosResource[]> {
  return (await sharedResources(ctx, ip, type)) ?? (await talosctlFor(ctx)).resources(ip, type, { insecure: false });
}

/**
 * What a node's Talos API says, as `probeNode` tells it, from the shared read when the node
 * answers our certificates there (a configured node of this cluster); any other node is probed
 * on its own, which keeps every answer and error of the single-node probe.
 */
export async function observeNode(ctx: StepContext, ip: string, stepId: string): Promise<NodeState> {
  const talosctl = await talosctlFor(ctx);
  const hasTalosconfig = await ctx.state.exists(TALOSCONFIG_FILE);
  if (hasTalosconfig) {
    const [status] = (await sharedResources(ctx, ip, 'machinestatus')) ?? [];
    if (status) return { mode: 'configured', ...stageOf(status) };
  }
  return probeNode(talosctl, ip, stepId, hasTalosconfig);
}

/** The config a configured node runs (holds secrets), from the shared read, else read on its own. */
export async function runningConfig(ctx: StepContext, ip: string): Promise<string> {
  const spec = (await sharedResources(ctx, ip, 'machineconfig', 'yaml'))?.[0]?.spec;
  return typeof spec === 'string' ? spec : (await talosctlFor(ctx)).machineConfig(ip);
}

/** A configured node's disks and discovered volumes, from the shared reads, else read on their own. */
export async function configuredBlockDevices(ctx: StepContext, ip: string): Promise<NodeBlockDevices> {
  const [disks, volumes] = await Promise.all([sharedResources(ctx, ip, 'disks'), sharedResources(ctx, ip, 'discoveredvolumes')]);
  if (disks?.length && volumes) return { disks: disks.map(nodeDisk), volumes: volumes.map(nodeVolume) };
  return readBlockDevices(await talosctlFor(ctx), ip, { insecure: false });
}
