import { randomUUID } from 'node:crypto';
import type { StateFolder } from './folder.js';

/** Something a step was about to do to the world; pending until completed. */
export interface Intent {
  id: string;
  stepId: string;
  action: string;
  details: Record<string, unknown>;
  /** ms since the epoch. */
  at: number;
}

type Record_ =
  | { op: 'begin'; id: string; stepId: string; action: string; details: Record<string, unknown>; at: number }
  | { op: 'complete'; id: string; result?: Record<string, unknown>; at: number };

const FILE = 'journal.jsonl';

/**
 * Write-ahead intents: a step records what it is about to do before doing it,
 * and completes the record after. An intent still pending at the next run means
 * the process died in between; the step recovers by looking the object up
 * (e.g. by hostname), never by creating it twice.
 *
 * Append-only JSON lines, each fsynced. A crash can tear the last line; it is
 * ignored on read and fenced off with a newline before the next append.
 */
export class Journal {
  #tail: Promise<unknown> = Promise.resolve();
  /** Whether this process already made sure the file ends with a newline. */
  #fenced = false;

  constructor(
    readonly folder: StateFolder,
    private readonly now: () => number = Date.now,
  ) {}

  async begin(stepId: string, action: string, details: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    await this.#append({ op: 'begin', id, stepId, action, details, at: this.now() });
    return id;
  }

  async complete(id: string, result?: Record<string, unknown>): Promise<void> {
    await this.#append(result === undefined ? { op: 'complete', id, at: this.now() } : { op: 'complete', id, result, at: this.now() });
  }

  /** Intents begun and never completed, oldest first. */
  async pending(stepId?: string): Promise<Intent[]> {
    await this.#tail.catch(() => undefined);
    const open = new Map<string, Intent>();
    for (const record of await this.#records()) {
      if (record.op === 'begin') {
        open.set(record.id, { id: record.id, stepId: record.stepId, action: record.action, details: record.details, at: record.at });
      } else {
        open.delete(record.id);
      }
    }
    const all = [...open.values()];
    return stepId === undefined ? all : all.filter((i) => i.stepId === stepId);
  }

  /**
   * Rewrites the journal with only the pending intents, so it does not grow
   * across runs; call it at the end of a run, when no step is writing.
   */
  async compact(): Promise<void> {
    const pending = await this.pending();
    const lines = pending.map((i) => JSON.stringify({ op: 'begin', id: i.id, stepId: i.stepId, action: i.action, details: i.details, at: i.at } satisfies Record_));
    await this.folder.writeAtomic(FILE, lines.map((l) => `${l}\n`).join(''));
    this.#fenced = true;
  }

  /** Serialised so concurrent steps never interleave partial lines. */
  #append(record: Record_): Promise<void> {
    const next = this.#tail.catch(() => undefined).then(async () => {
      let fence = '';
      if (!this.#fenced) {
        const existing = await this.folder.read(FILE);
        if (existing && existing.length > 0 && existing[existing.length - 1] !== 0x0a) fence = '\n';
      }
      await this.folder.append(FILE, `${fence}${JSON.stringify(record)}\n`);
      this.#fenced = true;
    });
    this.#tail = next;
    return next;
  }

  async #records(): Promise<Record_[]> {
    const data = await this.folder.read(FILE);
    if (!data) return [];
    const out: Record_[] = [];
    for (const line of data.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      // A torn line (crash mid-write) carries no complete fact; skip it.
      if (record) out.push(record);
    }
    return out;
  }
}

function parseRecord(line: string): Record_ | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<Record_>;
  if (typeof r.id !== 'string' || typeof r.at !== 'number') return undefined;
  if (r.op === 'begin' && typeof r.stepId === 'string' && typeof r.action === 'string') return r as Record_;
  if (r.op === 'complete') return r as Record_;
  return undefined;
}
