import type { Change } from '../../planner/change.js';
import type { Step } from '../../planner/step.js';
import { kubeconfigOf } from '../kubernetes/kube-context.js';
import type { StepContext, StepKind } from '../step-kind.js';
import { registerSecrets } from '../secret-files.js';
import { readIfExists, writeFileAtomic } from './atomic-file.js';
import { diffKubeconfig } from './diff.js';
import { adminEntry, namedEntries, parseKubeconfig, type KubeconfigEntry } from './entry.js';
import { mergeKubeconfig } from './merge.js';
import { digest, digestOfEntry, type KubeconfigObserved } from './observed.js';
import { lockedUserFile, readUserFile, type UserFile } from './user-file.js';
import type { Observation } from '../../state/observations.js';

export interface KubeconfigDesired {
  /** `spec.kubeconfig.path`, or '' for `$KUBECONFIG` / `~/.kube/config`, resolved when the step runs. */
  path: string;
  context: string;
}

export const BACKUP_SUFFIX = '.cto-backup';

interface Inputs extends UserFile {
  entry: KubeconfigEntry;
}

/** The user's file and the cluster's entry, or undefined while `kubernetes/api` has not fetched the kubeconfig. */
async function inputs(step: Step<KubeconfigDesired>, ctx: StepContext): Promise<Inputs | undefined> {
  const user = await readUserFile(step.desired.path, ctx);
  const adminPath = kubeconfigOf(ctx);
  if (!adminPath) return undefined;
  const admin = await readIfExists(adminPath);
  if (!admin) return undefined;
  const adminText = admin.toString('utf8');
  registerSecrets(ctx, adminText);
  return { ...user, entry: adminEntry(adminText, adminPath, step.desired.context) };
}

function observedOf(i: Inputs, text: string | undefined): KubeconfigObserved {
  const ours = text === undefined ? {} : namedEntries(parseKubeconfig(text, i.file), i.entry.name);
  return {
    file: i.file,
    context: i.entry.name,
    current: { ...digest(ours), isCurrentContext: ours.currentContext === i.entry.name },
    wanted: digestOfEntry(i.entry),
  };
}

/**
 * `kubeconfig`: merges the cluster's admin context into the user's kubeconfig
 * (see target.ts for which file), keeping every other entry byte for byte and
 * the previous file as `<file>.cto-backup`.
 */
export const kubeconfigMerge: StepKind<KubeconfigDesired, KubeconfigObserved> = {
  kind: 'kubeconfig.merge',

  async observe(step, ctx): Promise<Observation<KubeconfigObserved>> {
    const i = await inputs(step, ctx);
    if (!i) return { state: 'unknown', reason: "the cluster's kubeconfig is fetched by kubernetes/api" };
    return { state: 'present', value: observedOf(i, i.existing) };
  },

  diff(_step, observed): Change {
    return diffKubeconfig(observed);
  },

  apply(step, _change, ctx): Promise<KubeconfigObserved> {
    return lockedUserFile(step.desired.path, ctx, async () => {
      const i = await inputs(step, ctx);
      if (!i) throw new Error(`${step.id}: applied before kubernetes/api produced the cluster's kubeconfig`);
      const merged = mergeKubeconfig(i.existing, i.entry, i.file);
      if (merged !== i.existing) {
        if (i.raw) await writeFileAtomic(`${i.file}${BACKUP_SUFFIX}`, i.raw);
        await writeFileAtomic(i.file, merged);
        ctx.progress(`merged context "${i.entry.name}" into ${i.file}`);
      }
      return observedOf(i, merged);
    });
  },
};
