import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parseManifests, type KubeObject } from '../../clients/kube/object.js';
import type { StateFolder } from '../../state/folder.js';

/**
 * A manifest's objects, parsed once per content: the YAML parse of Argo CD's install manifest
 * (2.1 MB) costs ~1 s of CPU on every plan, its JSON copy ~5 ms. The copy lives in the state
 * folder's `cache/` beside the downloaded sources, one file per source, keyed by the digest of the
 * source's bytes, so an edited or re-pinned source is parsed again. Only what the source says is
 * cached: the live objects are still read, so drift is still found.
 */
export async function parsedManifest(text: string, source: string, state: StateFolder): Promise<KubeObject[]> {
  const name = `cache/objects-${createHash('sha256').update(source).digest('hex')}.json`;
  const digest = createHash('sha256').update(text).digest('hex');
  const cached = await readCached(state, name, digest);
  if (cached) return cached;
  const objects = parseManifests(text, source);
  // Never copied: a Secret's data (a local manifest may hold some), or what JSON would change
  // (YAML's .inf and .nan become null), which the round trip check catches.
  if (!objects.some(holdsSecretData) && isDeepStrictEqual(JSON.parse(JSON.stringify(objects)), objects)) {
    await state.writeAtomic(name, JSON.stringify({ digest, objects }));
  }
  return objects;
}

async function readCached(state: StateFolder, name: string, digest: string): Promise<KubeObject[] | undefined> {
  try {
    const data = await state.read(name);
    const record = data && (JSON.parse(data.toString('utf8')) as { digest?: unknown; objects?: unknown });
    // A cache, never the source of truth: an unreadable or stale copy is parsed again.
    return record && record.digest === digest && Array.isArray(record.objects) ? (record.objects as KubeObject[]) : undefined;
  } catch {
    return undefined;
  }
}

const holdsSecretData = (o: KubeObject) => o.kind === 'Secret' && (o.data !== undefined || o.stringData !== undefined);
