import { TalosError } from '../../clients/talos/errors.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { pollUntil } from '../../time/poll.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { bootstrapReadiness } from './bootstrap-readiness.js';
import type { Observation } from '../../state/observations.js';
import { talosctlFor } from './talosctl-for.js';
import { controlPlaneAddresses, serverAddress } from '../latitude/addresses.js';
import { addr } from '../../planner/address.js';

export interface BootstrapDesired {
  node: string;
}

export interface BootstrapOutput {
  bootstrapped: true;
}

/** The CRI comes up within a minute or two of a configured boot; etcd then waits for this step. */
export const BOOTSTRAP_TIMEOUT_MS = 15 * 60_000;

/**
 * etcd bootstrap, once, on one designated control plane. Bootstrapping a
 * second node would start a second etcd cluster (split brain), so it only
 * happens when no control plane reports etcd running, and a re-run that
 * meets `AlreadyExists` (etcd data present) counts as done.
 *
 * A fresh control plane stays in stage `booting` until it is bootstrapped (its boot sequence waits
 * for etcd), so this step runs as soon as the node is configured: it waits, with progress, until
 * the node's CRI is up and etcd is waiting to join, which is when machined accepts the call.
 */
export const talosBootstrap: StepKind<BootstrapDesired, BootstrapOutput> = {
  kind: 'talos.bootstrap',

  async observe(step, ctx) {
    const ip = serverAddress(ctx, step.desired.node);
    if (!ip) return { state: 'unknown', reason: `known after server/${step.desired.node} exists` };
    let states: { node: string; etcd: string }[];
    try {
      states = await etcdStates(ctx, await talosctlFor(ctx));
    } catch (err) {
      if (err instanceof TalosError && err.retryable) return { state: 'unknown', reason: `a control plane does not answer: ${err.message}` };
      throw err;
    }
    if (states.some((s) => s.etcd === 'Running')) return { state: 'present', value: { bootstrapped: true } };
    // Preparing (or Failed) is etcd waiting to join: nothing to join yet. Any other state is a node
    // on its way up (a rebooted member's etcd waits for the CRI) and says nothing either way yet.
    const starting = states.find((s) => s.etcd !== 'Preparing' && s.etcd !== 'Failed');
    if (starting) return { state: 'unknown', reason: `etcd on ${starting.node} is ${starting.etcd}` };
    return { state: 'absent' };
  },

  diff(step, observed: Observation<BootstrapOutput>): Change {
    if (observed.state === 'present') return noop('etcd is running');
    return {
      action: 'create',
      fields: [],
      reason: `bootstrap etcd on ${step.desired.node}${observed.state === 'unknown' ? ` (${observed.reason})` : ''}`,
    };
  },

  async apply(step, _change, ctx) {
    const node = step.desired.node;
    const ip = serverAddress(ctx, node);
    if (!ip) throw new CtoError({ severity: 'error', stepId: step.id, message: `${step.id}: server/${node} has no address yet` });
    const talosctl = await talosctlFor(ctx);
    // Re-check right before acting: another run may have bootstrapped meanwhile.
    if ((await etcdStates(ctx, talosctl)).some((s) => s.etcd === 'Running')) return { bootstrapped: true };
    await pollUntil(
      () => attempt(step.id, node, ip, ctx, talosctl),
      (a) => ({ done: a.action === 'done', message: a.message }),
      { stepId: step.id, what: `etcd bootstrap on ${node}`, signal: ctx.signal, timeoutMs: BOOTSTRAP_TIMEOUT_MS, intervalMs: 2_000, progress: (m) => ctx.progress(m) },
    );
    return { bootstrapped: true };
  },

  limits: {
    concurrencyKey: (step) => `talos:${step.desired.node}`,
    timeoutMs: BOOTSTRAP_TIMEOUT_MS + 60_000,
    retry: { attempts: 5, baseMs: 2_000, maxMs: 20_000 },
  },

  retryable: (err) => err instanceof TalosError && err.retryable,
};

/**
 * One look at the node and, when it is ready for it, the bootstrap call. "Not yet" answers (a node
 * that does not answer, machined's FailedPrecondition "bootstrap is not available yet" or "time is
 * not in sync yet") are waiting, not failures.
 */
async function attempt(stepId: string, node: string, ip: string, ctx: StepContext, talosctl: Talosctl): Promise<{ action: 'done' | 'wait'; message: string }> {
  const waiting = (err: unknown) => err instanceof TalosError && err.retryable;
  let readiness;
  try {
    readiness = bootstrapReadiness(await talosctl.services(ip));
  } catch (err) {
    if (waiting(err)) return { action: 'wait', message: (err as Error).message };
    throw err;
  }
  if (readiness.action !== 'bootstrap') return { action: readiness.action, message: readiness.message };
  const intent = await ctx.journal.begin(stepId, 'bootstrap', { node, address: ip });
  ctx.progress(`bootstrapping etcd on ${node} (${readiness.message})`);
  try {
    await talosctl.bootstrap(ip);
    await ctx.journal.complete(intent, { result: 'bootstrapped' });
    return { action: 'done', message: 'bootstrapped' };
  } catch (err) {
    if (err instanceof TalosError && err.code === 'AlreadyExists') {
      await ctx.journal.complete(intent, { result: 'already bootstrapped' });
      return { action: 'done', message: 'already bootstrapped' };
    }
    await ctx.journal.complete(intent, { error: ctx.secrets.redact((err as Error).message) });
    if (waiting(err)) return { action: 'wait', message: `${node} says: ${(err as Error).message}` };
    throw err;
  }
}

/**
 * The etcd service state of each configured control plane. A node that does not answer makes the
 * answer unknowable, which must stop a bootstrap (it might be the one running etcd), so that
 * error propagates and the step retries.
 */
async function etcdStates(ctx: StepContext, talosctl: Talosctl): Promise<{ node: string; etcd: string }[]> {
  const states = await Promise.all(
    controlPlaneAddresses(ctx).map(async ({ node, ip }) => {
      const configured = ctx.outputOf(addr.talosConfig(node));
      // No output: the plan found this node unconfigured, or its config is to be replaced (a wipe),
      // so its etcd does not count. Any other configured node's output is kept from the observation,
      // so no graph edge is needed; one would make the bootstrap wait for every control plane.
      if (!configured) return [];
      return [{ node, etcd: await talosctl.serviceState(ip, 'etcd') }];
    }),
  );
  return states.flat();
}
