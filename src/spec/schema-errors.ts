import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { schemaAt } from './schema.js';
import { formatPath, locate, pointerToPath, type SpecSource } from './source.js';

/** Turns ajv's errors into diagnostics a person can act on, positioned in the YAML source. */
export function schemaDiagnostics(errors: ErrorObject[], source: SpecSource, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    const path = pointerToPath(err.instancePath);
    const described = describe(err, path, data);
    if (!described) continue;
    const childKey = err.keyword === 'additionalProperties' ? String(err.params.additionalProperty) : undefined;
    const fullPath = childKey !== undefined ? [...path, childKey] : err.keyword === 'required' ? [...path, String(err.params.missingProperty)] : path;
    const d: Diagnostic = {
      severity: 'error',
      file: source.file,
      ...locate(source, path, childKey),
      path: formatPath(fullPath) || '(document)',
      message: described.message,
      ...(described.hint ? { hint: described.hint } : {}),
    };
    const key = `${d.line}:${d.col}:${d.path}:${d.message}`;
    if (!seen.has(key)) out.push(d);
    seen.add(key);
  }
  return out;
}

function describe(err: ErrorObject, path: (string | number)[], data: unknown): { message: string; hint?: string } | undefined {
  const got = valueAt(data, path);
  const description = schemaAt(path)?.description as string | undefined;
  const p = err.params as Record<string, unknown>;
  // The region's oneOf branches produce noise; one message says it all.
  if (err.schemaPath.includes('/region/oneOf')) {
    if (err.keyword !== 'oneOf') return undefined;
    return { message: 'set either `site: <SLUG>` or `auto: true` (with an optional `fallback` list), not both and not neither' };
  }
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys((schemaAt(path)?.properties as object | undefined) ?? {});
      const near = closest(key, known);
      return { message: `unknown key "${key}"`, hint: near ? `did you mean "${near}"?` : `known keys: ${known.join(', ')}` };
    }
    case 'required':
      return { message: `missing required key "${String(p.missingProperty)}"`, ...(description ? { hint: description } : {}) };
    case 'type':
      return { message: `must be ${article(String(p.type))} (got ${kindOf(got)})` };
    case 'maximum':
      return { message: `must be ≤ ${String(p.limit)} (got ${show(got)})` };
    case 'minimum':
      return { message: `must be ≥ ${String(p.limit)} (got ${show(got)})` };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).map(show).join(', ')} (got ${show(got)})` };
    case 'const':
      return { message: `must be ${show(p.allowedValue)} (got ${show(got)})` };
    case 'pattern':
    case 'format':
      return { message: `${show(got)} is not a valid value here`, ...(description ? { hint: description } : {}) };
    case 'minLength':
      return { message: 'must not be empty' };
    case 'minItems':
      return { message: `must list at least ${String(p.limit)} item(s)` };
    case 'uniqueItems':
      return { message: `lists ${show((got as unknown[])[Number(p.i)])} twice` };
    default:
      return { message: err.message ?? 'is invalid' };
  }
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, seg) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined), data);
}

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `${typeof v} ${show(v)}`);
const article = (t: string) => ({ object: 'a map', array: 'a list', integer: 'an integer', string: 'a string', boolean: 'true or false', number: 'a number' })[t] ?? t;

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** The known key nearest to a typo, if it is near enough to be a likely fix. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.c : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
