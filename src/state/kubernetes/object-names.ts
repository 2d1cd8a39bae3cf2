import { CLUSTER_LABEL, MANAGED_BY, MANAGED_BY_LABEL } from '../ownership.js';

export { CLUSTER_LABEL };
/**
 * Names of the objects that hold one cluster's state. Cluster names are DNS
 * labels (no dots), so the dotted chunk names can never be another cluster's
 * index.
 */
export const indexSecretName = (cluster: string) => `cto-state-${cluster}`;
export const chunkSecretName = (cluster: string, generation: number, write: string, index: number) => `cto-state-${cluster}.${generation}.${write}.${index}`;
export const leaseName = (cluster: string) => `cto-lock-${cluster}`;

export const INDEX_TYPE = 'cto.dev/state-index';
export const CHUNK_TYPE = 'cto.dev/state-chunk';

export const GENERATION_LABEL = 'cto.dev/generation';
export const COMMAND_ANNOTATION = 'cto.dev/command';

export function stateLabels(cluster: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [CLUSTER_LABEL]: cluster };
}
