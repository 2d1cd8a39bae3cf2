import { parseAllDocuments } from 'yaml';
import { TalosError } from './errors.js';

/** One item of `talosctl get … -o json|yaml`. */
export interface TalosResource {
  node?: string;
  metadata: { namespace?: string; type?: string; id?: string; version?: unknown; phase?: string };
  spec: unknown;
}

/**
 * `talosctl get -o json` writes one JSON value per resource, back to back
 * (indented, so not strictly one per line). Splits the stream at the end of
 * each top-level value.
 */
export function parseResources(stdout: string): TalosResource[] {
  const out: TalosResource[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) out.push(asResource(JSON.parse(stdout.slice(start, i + 1))));
    }
  }
  if (depth !== 0) throw new TalosError('Unknown', 'talosctl printed truncated JSON', true);
  return out;
}

/** `talosctl get -o yaml`: one YAML document per resource. */
export function parseYamlResources(stdout: string): TalosResource[] {
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as unknown)
    .filter((v) => v !== null && v !== undefined)
    .map(asResource);
}

function asResource(value: unknown): TalosResource {
  if (typeof value !== 'object' || value === null || !('metadata' in value)) {
    throw new TalosError('Unknown', 'talosctl printed something that is not a resource', false);
  }
  return value as TalosResource;
}
