import type { Change } from '../../planner/change.js';
import { REDACTED } from '../../spec/secrets.js';
import type { Ownership } from './ownership.js';
import type { FieldDiff } from '../../spec/field-diff.js';
import type { Observation } from '../../state/observations.js';

/** What `cto destroy`'s `kubeconfig` step observes: which entries named for the cluster in the user's file are cto's. */
export interface KubeconfigUnmergeObserved extends Ownership {
  file: string;
  context: string;
  /** The server of the cluster entry that goes, and the cluster and user of the context that goes: what the plan shows. */
  server?: string;
  uses?: { cluster?: string; user?: string };
}

/** Pure: what unmerging would take out of the user's kubeconfig. Never destructive: it edits a local file, not the cluster. */
export function diffUnmerge(observed: Observation<KubeconfigUnmergeObserved>): Change {
  if (observed.state !== 'present') {
    return { action: 'noop', fields: [], reason: observed.state === 'unknown' ? observed.reason : 'no kubeconfig file to clean up' };
  }
  const { file, context, lists, currentContext, kept, server, uses } = observed.value;
  const notes = kept.length > 0 ? { notes: kept } : {};
  if (lists.length === 0) {
    return { action: 'noop', fields: [], reason: kept.length > 0 ? `context "${context}" in ${file} is not this cluster's` : `context "${context}" is not in ${file}`, ...notes };
  }
  const at = (what: string) => `${what}[${context}]`;
  const fields: FieldDiff[] = [];
  if (lists.includes('clusters')) fields.push({ path: at('clusters'), before: server });
  if (lists.includes('users')) fields.push({ path: at('users'), before: REDACTED, sensitive: true });
  if (lists.includes('contexts')) fields.push({ path: at('contexts'), before: uses });
  if (currentContext) fields.push({ path: 'current-context', before: context, after: '' });
  return { action: 'delete', fields, reason: `remove context "${context}" of the destroyed cluster from ${file}`, ...notes };
}
