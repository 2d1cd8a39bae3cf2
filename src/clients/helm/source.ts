import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import type { StateFolder } from '../../state/folder.js';

export interface SourceRequest {
  /** A local path (air-gapped installs) or an http(s) URL. */
  source: string;
  /** Directory relative paths are resolved against (the spec's folder). */
  baseDir: string;
  stepId: string;
  signal?: AbortSignal;
}

/** An http(s) URL, downloaded into the state folder's cache; anything else is a local path. */
export const isRemoteSource = (source: string): boolean => /^https?:\/\//.test(source);

/**
 * A chart or manifest as a local path. Local paths are used as they are;
 * URLs are downloaded once into the state folder under `cache/`, named by the
 * sha256 digest of the URL (so a pinned version is never fetched twice) and
 * kept whole or not at all (atomic write).
 */
export async function resolveSource(req: SourceRequest, state: StateFolder): Promise<string> {
  if (!isRemoteSource(req.source)) {
    const local = path.resolve(req.baseDir, req.source);
    try {
      await stat(local);
    } catch {
      throw new CtoError({ severity: 'error', stepId: req.stepId, message: `${req.stepId}: source ${req.source} does not exist (looked at ${local})` });
    }
    return local;
  }
  const digest = createHash('sha256').update(req.source).digest('hex');
  const name = `cache/${digest}${extensionOf(req.source)}`;
  if (await state.exists(name)) return state.path(name);
  const response = await fetch(req.source, { signal: req.signal, redirect: 'follow' }).catch((err: unknown) => {
    throw new CtoError({
      severity: 'error',
      stepId: req.stepId,
      message: `${req.stepId}: could not download ${req.source}: ${(err as Error).message}`,
      hint: 'for air-gapped installs point the spec at a local copy (platform.*.chart / platform.*.manifest)',
    });
  });
  if (!response.ok) {
    throw new CtoError({ severity: 'error', stepId: req.stepId, message: `${req.stepId}: downloading ${req.source} answered HTTP ${response.status}` });
  }
  await state.writeAtomic(name, Buffer.from(await response.arrayBuffer()));
  return state.path(name);
}

function extensionOf(url: string): string {
  const base = new URL(url).pathname;
  if (base.endsWith('.tar.gz')) return '.tar.gz';
  const ext = path.extname(base);
  return /^\.[A-Za-z0-9]{1,5}$/.test(ext) ? ext : '';
}
