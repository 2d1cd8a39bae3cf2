import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SecretSet } from './secrets.js';
import { declaredSensitive } from './schema.js';
import { formatPath, locate, type SpecPath, type SpecSource } from './source.js';

const REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const MALFORMED = /\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*\})[^}]*\}?/;

export interface Interpolation {
  source: SpecSource;
  env: Record<string, string | undefined>;
  secrets: SecretSet;
  diagnostics: Diagnostic[];
  /**
   * What an unset variable is: an error (plan, apply), or a note (`cto validate`, which checks the
   * spec's form and runs where secrets are not given, like a pull request from a fork).
   */
  unset: 'error' | 'note';
}

/**
 * Replaces `${env:NAME}` in every string of the spec. Values that come from the environment are
 * secrets unless the schema marks the field `x-sensitive: false`; literal values of fields marked
 * `x-sensitive: true` are secrets too (and earn a warning: they belong in the environment).
 */
export function interpolate(value: unknown, ctx: Interpolation, path: SpecPath = []): unknown {
  const { source, env, secrets, diagnostics } = ctx;
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, ctx, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, ctx, [...path, k])]));
  }
  if (typeof value !== 'string') return value;

  const at = () => ({ file: source.file, ...locate(source, path), path: formatPath(path) });
  const sensitive = declaredSensitive(path);
  if (MALFORMED.test(value)) {
    diagnostics.push({ severity: 'error', ...at(), message: 'malformed reference: write environment references as ${env:NAME}' });
    return value;
  }
  let fromEnv = false;
  const out = value.replace(REFERENCE, (_, name: string) => {
    fromEnv = true;
    const v = env[name];
    if (v === undefined || v === '') {
      diagnostics.push({
        severity: ctx.unset,
        ...at(),
        message: `environment variable ${name} is not set`,
        hint: ctx.unset === 'error' ? `export ${name}=… before running cto` : `plan and apply need it; --require-env makes this an error`,
      });
      return '';
    }
    return v;
  });
  if (fromEnv && sensitive !== false) secrets.add(out);
  if (!fromEnv && sensitive === true) {
    secrets.add(out);
    diagnostics.push({
      severity: 'warning',
      ...at(),
      message: 'a secret is written in the spec itself',
      hint: 'write it as ${env:NAME} so it never lands in git',
    });
  }
  return out;
}
