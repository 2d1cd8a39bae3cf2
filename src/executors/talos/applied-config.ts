import { createHash } from 'node:crypto';
import type { StepContext } from '../step-kind.js';
import { readAppliedRecord, writeAppliedRecord } from '../applied-record.js';
import { genConfigOptions, liveFacts } from './render.js';
import type { NodeRole } from './patches.js';

/**
 * What produced the config applied to a node, and what the node ran right after: a plan whose
 * inputs are unchanged and whose node still runs that config has nothing to render or diff.
 * Digests only: the record holds no secret.
 */
export interface AppliedConfig {
  /** Digest of the `gen config` inputs: spec fields and patches, the secrets bundle's digest, the talosctl version. */
  inputs: string;
  /** Digest of the running config as the node returned it after the apply. */
  running: string;
}

export const appliedConfigFile = (node: string) => `talos/applied/${node}.json`;

export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Pure: the digest of everything `talosctl gen config` (and cto after it) renders a node's config from. */
export function renderInputsDigest(ctx: StepContext, node: NodeRole, endpointIp: string, secrets: string, talosctl: unknown, parent?: string): string {
  // The live facts too (the VLAN id, the control planes' addresses): a new control plane changes every config.
  const options = { ...genConfigOptions(ctx.spec, node, endpointIp, '', liveFacts(ctx, parent)), secrets: digest(secrets) };
  return digest(JSON.stringify({ options, talosctl, render: 'without-persist' }));
}

export function readAppliedConfig(ctx: StepContext, node: string): Promise<AppliedConfig | undefined> {
  return readAppliedRecord(ctx, appliedConfigFile(node), (raw) => {
    const v = raw as Partial<AppliedConfig> | null;
    return typeof v?.inputs === 'string' && typeof v.running === 'string' ? { inputs: v.inputs, running: v.running } : undefined;
  });
}

export function writeAppliedConfig(ctx: StepContext, node: string, record: AppliedConfig): Promise<void> {
  return writeAppliedRecord(ctx, appliedConfigFile(node), record);
}
