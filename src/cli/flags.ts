import { CtoError } from '../diagnostics/error.js';

export const parallelismOf = (v: unknown): number => Number(v ?? 10);

/** `--refresh`, `--refresh=false`, `--no-refresh`, as Terraform users type them. */
export function refreshOf(v: unknown): boolean {
  if (v === undefined || v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new CtoError({ severity: 'error', message: `--refresh must be true or false (got ${JSON.stringify(v)})` });
}
