import { CtoError } from '../../diagnostics/error.js';
import type { StateFiles } from '../backend.js';
import { checkStateName } from '../names.js';

const FORMAT = 'cto-state/v1';

/** One JSON document `{ format, files: { name: base64 } }`: easy to inspect once decrypted, names sorted so equal folders pack equally. */
export function packFiles(files: StateFiles): Buffer {
  const out: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) out[name] = files.get(name)!.toString('base64');
  return Buffer.from(JSON.stringify({ format: FORMAT, files: out }), 'utf8');
}

export function unpackFiles(data: Buffer): StateFiles {
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch {
    doc = undefined;
  }
  const d = doc as { format?: unknown; files?: unknown } | undefined;
  if (typeof d !== 'object' || d === null || d.format !== FORMAT || typeof d.files !== 'object' || d.files === null) {
    throw new CtoError({ severity: 'error', message: `the stored state is not in the ${FORMAT} format`, hint: 'it was written by a newer or foreign tool; upgrade cto' });
  }
  const files: StateFiles = new Map();
  for (const [name, content] of Object.entries(d.files as Record<string, unknown>)) {
    // Names come from storage: the same rules as local names, so nothing lands outside the folder.
    checkStateName(name);
    if (typeof content !== 'string') throw new CtoError({ severity: 'error', message: `the stored state file ${JSON.stringify(name)} has no content` });
    files.set(name, Buffer.from(content, 'base64'));
  }
  return files;
}
