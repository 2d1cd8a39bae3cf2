import { readBlockDevices } from '../../clients/talos/block.js';
import { TalosError } from '../../clients/talos/errors.js';
import { CtoError } from '../../diagnostics/error.js';
import type { Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { DiskPath, DiskSelector } from '../../spec/types.gen.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { configuredBlockDevices, observeNode } from '../talos/node-reads.js';
import { chooseDisk, type DiskChoice, type RecordedDisk } from './disk-choice.js';
import type { Observation } from '../../state/observations.js';
import { talosctlFor } from '../talos/talosctl-for.js';
import { serverAddress } from '../latitude/addresses.js';
import { addr } from '../../planner/address.js';

export interface DiskDesired {
  node: string;
  hostname: string;
  /** `spec.storage.mayastor.disk`: a link, a selector or a kernel name. */
  disk: DiskPath | DiskSelector;
}

/** What `storage/disk/<worker>` hands its pool: the chosen disk and whether its kernel name is recorded. */
export interface DiskOutput extends Omit<DiskChoice, 'record'> {
  /** A kernel name resolved on this read and not recorded yet (apply records it). */
  unrecorded?: RecordedDisk;
}

/** One file per node, so workers resolving at once never race on a shared record. */
export const diskRecordFile = (node: string) => `storage/disk-${node}.json`;

async function readRecord(ctx: StepContext, node: string): Promise<RecordedDisk | undefined> {
  const raw = await ctx.state.read(diskRecordFile(node));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as RecordedDisk;
  } catch {
    throw new CtoError({
      severity: 'error',
      message: `the disk record ${ctx.state.path(diskRecordFile(node))} is not JSON`,
      hint: 'restore it from your backup; deleting it makes cto resolve the kernel name again on the next apply',
    });
  }
}

/** Reads the node's disks (maintenance or configured) and chooses; undefined while the node does not answer. */
async function choose(step: Step<DiskDesired>, ctx: StepContext): Promise<DiskOutput | { unknown: string }> {
  const { node } = step.desired;
  const server = ctx.outputOf(addr.server(node));
  const ip = serverAddress(ctx, node);
  if (!ip || !server) return { unknown: `known after server/${node} exists` };
  const state = await observeNode(ctx, ip, step.id);
  if (state.mode === 'unreachable') return { unknown: `the disk is chosen when the Talos API at ${ip} answers (${state.reason})` };
  const devices = state.mode === 'maintenance' ? await readBlockDevices(await talosctlFor(ctx), ip, { insecure: true }) : await configuredBlockDevices(ctx, ip);
  const recorded = await readRecord(ctx, node);
  const result = chooseDisk({ devices, server: server.id, disk: step.desired.disk, installDisk: ctx.spec.spec.talos.installDisk, ...(recorded ? { recorded } : {}) });
  if (!result.ok) {
    throw new CtoError({
      severity: 'error',
      stepId: step.id,
      path: 'spec.storage.mayastor.disk',
      message: `${step.id}: ${result.message} on ${step.desired.hostname}`,
      hint: `the node's disks:\n  ${result.candidates.join('\n  ')}`,
    });
  }
  const { record, ...choice } = result.choice;
  return { ...choice, ...(record ? { unrecorded: record } : {}) };
}

/**
 * `storage/disk/<worker>`: the disk of this worker that its DiskPool gets, chosen from the node's
 * own disk list (`talosctl get disks` and `discoveredvolumes`). A kernel name is resolved once and
 * recorded in the state folder; the record wins from then on.
 */
export const diskKind: StepKind<DiskDesired, DiskOutput> = {
  kind: 'storage.disk',

  async observe(step, ctx): Promise<Observation<DiskOutput>> {
    const chosen = await choose(step, ctx);
    return 'unknown' in chosen ? { state: 'unknown', reason: chosen.unknown } : { state: 'present', value: chosen };
  },

  diff(step, observed): Change {
    return diskChange(step.desired, observed);
  },

  async apply(step, _change, ctx): Promise<DiskOutput> {
    const chosen = await choose(step, ctx);
    if ('unknown' in chosen) throw new TalosError('Unavailable', `${step.id}: ${chosen.unknown}`, true);
    if (!chosen.unrecorded) return chosen;
    await ctx.state.writeAtomic(diskRecordFile(step.desired.node), `${JSON.stringify(chosen.unrecorded, null, 2)}\n`);
    const { unrecorded: _, ...recorded } = chosen;
    return recorded;
  },

  limits: { concurrencyKey: (step) => `talos:${step.desired.node}`, retry: { attempts: 10, baseMs: 2_000, maxMs: 30_000 } },
  retryable: (err) => err instanceof TalosError && err.retryable,
};

/** Pure: what the plan says about the choice. */
export function diskChange(d: DiskDesired, observed: Observation<DiskOutput>): Change {
  if (observed.state !== 'present') {
    const reason = observed.state === 'unknown' ? observed.reason : 'not chosen yet';
    return { action: 'create', fields: [], reason: `choose the Mayastor disk of ${d.hostname}: ${reason}` };
  }
  const o = observed.value;
  const notes = [...o.notes];
  if (o.unrecorded) {
    return {
      action: 'create',
      fields: [{ path: `${d.hostname}: disk`, after: o.link }],
      reason: `record ${o.unrecorded.spec} as ${o.link}: ${o.why}`,
      notes,
    };
  }
  return { action: 'noop', fields: [], reason: `${o.link}: ${o.why}`, ...(notes.length ? { notes } : {}) };
}
