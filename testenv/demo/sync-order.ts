import type { KubernetesObject } from '@kubernetes/client-node';
import { DEFAULT_WAVE, SYNC_WAVE_ANNOTATION } from '../../src/gitops-tree/sync-waves.js';

export interface Wave {
  wave: number;
  objects: KubernetesObject[];
}

/** Within a wave Argo CD applies namespaces and CRDs before what may live in or use them. */
const KIND_FIRST = ['Namespace', 'CustomResourceDefinition'];

/**
 * The order Argo CD syncs an Application's manifests in: by `sync-wave` annotation (lowest first,
 * 0 when absent or not a whole number), within a wave namespaces and CRDs first, then by kind and name.
 */
export function syncOrder(objects: KubernetesObject[]): Wave[] {
  const waveOf = (o: KubernetesObject) => {
    const text = o.metadata?.annotations?.[SYNC_WAVE_ANNOTATION]?.trim();
    return text && Number.isInteger(Number(text)) ? Number(text) : DEFAULT_WAVE;
  };
  const rank = (o: KubernetesObject) => {
    const i = KIND_FIRST.indexOf(o.kind ?? '');
    return i === -1 ? KIND_FIRST.length : i;
  };
  const sorted = [...objects].sort(
    (a, b) => waveOf(a) - waveOf(b) || rank(a) - rank(b) || (a.kind ?? '').localeCompare(b.kind ?? '') || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );
  const waves: Wave[] = [];
  for (const o of sorted) {
    const wave = waveOf(o);
    if (waves.at(-1)?.wave !== wave) waves.push({ wave, objects: [] });
    waves.at(-1)!.objects.push(o);
  }
  return waves;
}
