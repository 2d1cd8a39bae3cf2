import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The recorded real Latitude traffic (go-vcr v2 cassettes), copied unchanged into test/fixtures (see its README). */
export const RECORDINGS_DIR = resolve(import.meta.dirname, '../fixtures/latitude-recorded');

export interface Interaction {
  method: string;
  url: URL;
  requestBody: string;
  status: number;
  responseBody: string;
}

export function cassettes(): { name: string; interactions: Interaction[] }[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const doc = parse(readFileSync(join(RECORDINGS_DIR, name), 'utf8')) as {
        interactions: { request: { method: string; url: string; body: string }; response: { code: number; body: string } }[];
      };
      return {
        name,
        interactions: doc.interactions.map((i) => ({
          method: i.request.method,
          url: new URL(i.request.url),
          requestBody: i.request.body.trim(),
          status: i.response.code,
          responseBody: i.response.body,
        })),
      };
    });
}

/**
 * Every key path of a JSON value with the JSON type found there (`data.attributes.tags[]:object`).
 * Array elements share the path `[]`.
 */
export function shapeOf(value: unknown, path = '$', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (!out.has(path)) out.set(path, new Set());
  out.get(path)!.add(type);
  if (Array.isArray(value)) for (const v of value) shapeOf(v, `${path}[]`, out);
  else if (type === 'object') for (const [k, v] of Object.entries(value as object)) shapeOf(v, `${path}.${k}`, out);
  return out;
}

/**
 * What the recording has and the answer lacks: a missing path, or a different type.
 * A recorded `null` only says the field may be null, so any type satisfies it.
 */
export function missingShape(recorded: unknown, answer: unknown): string[] {
  const want = shapeOf(recorded);
  const got = shapeOf(answer);
  const missing: string[] = [];
  for (const [path, types] of want) {
    const have = got.get(path);
    if (!have) {
      missing.push(`${path} (missing)`);
      continue;
    }
    for (const t of types) if (t !== 'null' && !have.has(t)) missing.push(`${path}: ${t} expected, got ${[...have].join('|')}`);
  }
  return missing;
}
