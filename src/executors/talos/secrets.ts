import { contractOf, parseTalosVersion } from '../../clients/talos/version.js';
import { CtoError } from '../../diagnostics/error.js';
import { noop, type Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { registerSecrets, requireSecrets } from '../secret-files.js';
import type { Observation } from '../../state/observations.js';
import { KUBECONFIG_FILE, SECRETS_FILE, TALOSCONFIG_FILE } from '../../state/files.js';
import { talosctlFor } from './talosctl-for.js';

export interface SecretsDesired {
  cluster: string;
  talosVersion: string;
}

export interface SecretsOutput {
  file: string;
  /** Journal intents of a generation that a run died in, still open: their outcome is to be recorded. */
  interrupted?: number;
}

/**
 * The cluster's Talos secrets bundle (CAs, keys, tokens): generated once and
 * kept in the state folder. Losing it loses the cluster, so it is never
 * regenerated once the cluster exists; its absence then is an error.
 */
export const talosSecrets: StepKind<SecretsDesired, SecretsOutput> = {
  kind: 'talos.secrets',

  async observe(step, ctx) {
    // The talosctl check runs here, on the first Talos step: a missing or old binary fails the plan.
    await talosctlFor(ctx);
    if (await ctx.state.exists(SECRETS_FILE)) {
      // Read (and its secrets registered) once for the run: every node's config renders from it.
      await requireSecrets(ctx, step.id);
      const interrupted = (await ctx.journal.pending(step.id)).length;
      return { state: 'present', value: { file: ctx.state.path(SECRETS_FILE), ...(interrupted ? { interrupted } : {}) } };
    }
    await refuseIfClusterExists(step, ctx);
    return { state: 'absent' };
  },

  diff(_step, observed: Observation<SecretsOutput>): Change {
    if (observed.state === 'present' && observed.value.interrupted) {
      return { action: 'update', fields: [], reason: 'record the end of an interrupted generation in the journal: the bundle it wrote is kept' };
    }
    if (observed.state === 'present') return noop('secrets bundle exists');
    return { action: 'create', fields: [], reason: 'generate the cluster secrets bundle (talosctl gen secrets), kept in the state folder' };
  },

  async apply(step, _change, ctx) {
    const file = ctx.state.path(SECRETS_FILE);
    // A run that died mid-generation left its intent open; the bundle on disk (or its absence) is how it ended.
    const exists = await ctx.state.exists(SECRETS_FILE);
    for (const old of await ctx.journal.pending(step.id)) await ctx.journal.complete(old.id, { recovered: exists ? 'bundle kept' : 'nothing was written' });
    if (exists) return { file };
    await refuseIfClusterExists(step, ctx);
    const talosctl = await talosctlFor(ctx);
    const version = parseTalosVersion(step.desired.talosVersion);
    if (!version) throw new CtoError({ severity: 'error', stepId: step.id, path: 'spec.talos.version', message: `invalid Talos version ${step.desired.talosVersion}` });
    const intent = await ctx.journal.begin(step.id, 'generate', { file: SECRETS_FILE });
    try {
      const bundle = await talosctl.genSecrets(contractOf(version));
      registerSecrets(ctx, bundle);
      // Exclusive: if another run wrote a bundle meanwhile, theirs is the cluster's; never replace it.
      await ctx.state.createExclusive(SECRETS_FILE, bundle);
    } catch (err) {
      await ctx.journal.complete(intent, { error: ctx.secrets.redact((err as Error).message) });
      throw err;
    }
    await ctx.journal.complete(intent, { file: SECRETS_FILE });
    return { file };
  },

  limits: { concurrencyKey: () => 'talos:secrets' },
};

/**
 * A talosconfig or kubeconfig in the state folder means the cluster was
 * created with a bundle that is now gone: new secrets would lock `cto` out of
 * every node, so stop and say what to do.
 */
async function refuseIfClusterExists(step: Step<SecretsDesired>, ctx: StepContext): Promise<void> {
  const evidence: string[] = [];
  for (const name of [TALOSCONFIG_FILE, KUBECONFIG_FILE]) if (await ctx.state.exists(name)) evidence.push(name);
  if (evidence.length === 0) return;
  throw new CtoError({
    severity: 'error',
    stepId: step.id,
    message: `${step.id}: the Talos secrets bundle ${ctx.state.path(SECRETS_FILE)} is missing, but cluster ${step.desired.cluster} already exists (state holds ${evidence.join(' and ')})`,
    hint: `restore talos/secrets.yaml from your backup into ${ctx.state.dir}; cto will not generate new secrets, which would lock it out of the running nodes. If the cluster is really gone, remove ${evidence.map((e) => ctx.state.path(e)).join(' and ')} to start over.`,
  });
}
