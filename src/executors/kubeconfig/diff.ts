import type { Change } from '../../planner/change.js';
import { REDACTED } from '../../spec/secrets.js';
import type { KubeconfigObserved } from './observed.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';

/** Pure: what merging would change in the user's kubeconfig. */
export function diffKubeconfig(observed: Observation<KubeconfigObserved>): Change {
  if (observed.state === 'unknown') {
    return { action: 'create', fields: [], reason: `known after apply: ${observed.reason}` };
  }
  if (observed.state === 'absent') {
    return { action: 'create', fields: [], reason: 'the kubeconfig file to merge into is not known yet' };
  }
  const { file, context, current, wanted } = observed.value;
  const at = (what: string, name: string) => `${what}[${name}]`;
  const fields: FieldDiff[] = [];
  if (current.server !== wanted.server) fields.push({ path: `${at('clusters', context)}.server`, before: current.server, after: wanted.server });
  if (current.ca !== wanted.ca) fields.push({ path: `${at('clusters', context)}.certificate-authority-data`, before: current.ca, after: wanted.ca });
  if (current.cluster !== wanted.cluster && current.server === wanted.server && current.ca === wanted.ca) {
    fields.push({ path: at('clusters', context), before: current.cluster, after: wanted.cluster });
  }
  if (current.user !== wanted.user) {
    fields.push({ path: at('users', context), ...(current.user ? { before: REDACTED } : {}), after: REDACTED, sensitive: true });
  }
  if (current.context !== wanted.context) fields.push({ path: at('contexts', context), ...(current.context ? { before: current.context } : {}), after: wanted.context });
  // Switching contexts with kubectl is the user's business, not drift: current-context is set only
  // when the entry itself is written, as kind and eksctl do.
  if (fields.length === 0) return { action: 'noop', fields: [], reason: `context "${context}" in ${file} is up to date` };
  if (!current.isCurrentContext) fields.push({ path: 'current-context', after: context });
  const missing = current.cluster === undefined && current.user === undefined && current.context === undefined;
  return {
    action: missing ? 'create' : 'update',
    fields,
    reason: missing ? `add context "${context}" to ${file}` : `update context "${context}" in ${file}`,
    notes: [`the previous ${file} is kept as ${file}.cto-backup`],
  };
}
