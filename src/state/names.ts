import { CtoError } from '../diagnostics/error.js';

/**
 * A state file name is one or more `/`-separated segments of safe characters.
 * Segments may not start with a dot, which rules out `..` and keeps dot-files
 * (temp files, .gitignore) for the folder's own bookkeeping.
 */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function checkStateName(name: string): string[] {
  const segments = name.split('/');
  if (name.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    throw new CtoError({
      severity: 'error',
      message: `invalid state file name ${JSON.stringify(name)}: use relative names like "talos/secrets.yaml" (no "..", no absolute paths, no control characters)`,
    });
  }
  return segments;
}

/** Files that hold key material: refused when other users can read them. */
export function isSecretName(name: string): boolean {
  return name.startsWith('talos/') || name.endsWith('secrets.yaml');
}
