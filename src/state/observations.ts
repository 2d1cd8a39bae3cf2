import type { SecretSet } from '../spec/secrets.js';
import type { StateFolder } from './folder.js';

/** What the live world holds for a step. `unknown` = cannot be known until a dependency is applied. */
export type Observation<O> =
  | { state: 'present'; value: O }
  | { state: 'absent' }
  | { state: 'unknown'; reason: string };

/**
 * The last observation of each step that an apply saw or produced: what `--refresh=false` plans
 * from instead of reading the world, as Terraform plans from its state. Only `apply` writes it,
 * under the lock, so a concurrent plan never races an apply's record.
 */
export const OBSERVATIONS_FILE = 'observations.json';
const FORMAT_VERSION = 1;

export type Recorded = Map<string, Observation<unknown>>;

interface RecordFile {
  formatVersion: number;
  recordedAt: string;
  steps: Record<string, Observation<unknown>>;
}

export async function readObservations(state: StateFolder): Promise<Recorded> {
  const raw = await state.read(OBSERVATIONS_FILE);
  if (!raw) return new Map();
  let file: RecordFile;
  try {
    file = JSON.parse(raw.toString('utf8')) as RecordFile;
  } catch {
    // A record is a cache of the world, never its source of truth: an unreadable one is ignored.
    return new Map();
  }
  if (file.formatVersion !== FORMAT_VERSION || typeof file.steps !== 'object' || !file.steps) return new Map();
  return new Map(Object.entries(file.steps));
}

/**
 * Merges `updates` into the record (undefined removes a step: deleted, or no longer known).
 * An observation that would carry a secret value is not kept: a later refresh reads it again.
 */
export async function recordObservations(state: StateFolder, updates: ReadonlyMap<string, Observation<unknown> | undefined>, secrets: SecretSet): Promise<void> {
  const steps = Object.fromEntries(await readObservations(state));
  for (const [id, observation] of updates) {
    const text = observation && JSON.stringify(observation);
    if (text === undefined || secrets.redact(text) !== text || observation!.state === 'unknown') delete steps[id];
    else steps[id] = observation!;
  }
  const file: RecordFile = { formatVersion: FORMAT_VERSION, recordedAt: new Date().toISOString(), steps };
  await state.writeAtomic(OBSERVATIONS_FILE, `${JSON.stringify(file, null, 2)}\n`);
}
