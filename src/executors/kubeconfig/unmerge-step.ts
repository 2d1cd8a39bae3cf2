import type { Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { readSecretFile } from '../secret-files.js';
import { modeOf, writeFileAtomic } from './atomic-file.js';
import { adminEntry, namedEntries, parseKubeconfig, type KubeconfigEntry } from './entry.js';
import type { KubeconfigDesired } from './merge-step.js';
import { ownership } from './ownership.js';
import { diffUnmerge, type KubeconfigUnmergeObserved } from './unmerge-diff.js';
import { unmergeKubeconfig } from './unmerge.js';
import { lockedUserFile, readUserFile } from './user-file.js';
import type { Observation } from '../../state/observations.js';
import { KUBECONFIG_FILE } from '../../state/files.js';

/** The cluster's admin entry from the state folder, named for the user's file; undefined when there is none. */
async function adminOf(step: Step<KubeconfigDesired>, ctx: StepContext): Promise<KubeconfigEntry | undefined> {
  const text = await readSecretFile(ctx, KUBECONFIG_FILE);
  return text === undefined ? undefined : adminEntry(text, ctx.state.path(KUBECONFIG_FILE), step.desired.context);
}

function observedOf(file: string, name: string, text: string | undefined, admin: KubeconfigEntry | undefined): KubeconfigUnmergeObserved {
  const found = text === undefined ? {} : namedEntries(parseKubeconfig(text, file), name);
  const owned = ownership(found, name, admin);
  const { cluster, user } = found.context ?? {};
  return {
    file,
    context: name,
    ...owned,
    ...(owned.lists.includes('clusters') && typeof found.cluster?.server === 'string' ? { server: found.cluster.server } : {}),
    ...(owned.lists.includes('contexts') ? { uses: { ...(typeof cluster === 'string' ? { cluster } : {}), ...(typeof user === 'string' ? { user } : {}) } } : {}),
  };
}

/**
 * `kubeconfig` in `cto destroy`: takes the cluster's context (its cluster, user and context
 * entries) back out of the user's kubeconfig, as kind and k3d do on delete — only the entries cto
 * merged (see ownership.ts), every other byte kept, the file's mode kept. It deletes nothing but a
 * local file entry, so it is not destructive; the cluster's own kubeconfig in the state folder stays.
 */
export const kubeconfigUnmerge: StepKind<KubeconfigDesired, KubeconfigUnmergeObserved> = {
  kind: 'kubeconfig.unmerge',

  async observe(step, ctx): Promise<Observation<KubeconfigUnmergeObserved>> {
    const { file, existing } = await readUserFile(step.desired.path, ctx);
    return { state: 'present', value: observedOf(file, step.desired.context, existing, await adminOf(step, ctx)) };
  },

  diff(_step, observed): Change {
    return diffUnmerge(observed);
  },

  apply(step, _change, ctx): Promise<KubeconfigUnmergeObserved> {
    return lockedUserFile(step.desired.path, ctx, async () => {
      const { file, existing } = await readUserFile(step.desired.path, ctx);
      const admin = await adminOf(step, ctx);
      if (existing === undefined || !admin) return observedOf(file, step.desired.context, existing, admin);
      const { text } = unmergeKubeconfig(existing, admin, file);
      if (text !== existing) {
        await writeFileAtomic(file, text, await modeOf(file));
        ctx.progress(`removed context "${step.desired.context}" from ${file}`);
      }
      return observedOf(file, step.desired.context, text, admin);
    });
  },
};
