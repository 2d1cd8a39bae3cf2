import type { FieldDiff } from '../spec/field-diff.js';

/** What a step would do, and why. Produced by a StepKind's pure `diff`. */
export type Action = 'noop' | 'create' | 'update' | 'replace' | 'delete';

/** Hourly and monthly figures of a price; `null` where the catalog gives none (never shown as zero). */
export interface Money {
  hour: number | null;
  month: number | null;
}

/** Money in cents: sums of float prices must not print as 0.6299999. */
export const cents = (n: number): number => Math.round(n * 100) / 100;

/** What a change does to the bill for one server, in the spec's currency. */
export interface CostChange {
  currency: string;
  /** What is billed now (absent: no server yet) and after the change (absent: none left). */
  before?: Money;
  after?: Money;
  /** `after − before`: positive adds to the bill. */
  change: Money;
}

export interface Change {
  action: Action;
  fields: FieldDiff[];
  /** One sentence a reviewer can act on: "server does not exist", "hugepages changed 1024 → 2048". */
  reason: string;
  /** Wipes a disk, reinstalls or deletes something: refused unless destruction is allowed. */
  destructive?: boolean;
  /** Side effects worth a reviewer's attention, e.g. "node reboots". */
  notes?: string[];
  /** Servers created, replaced or deleted: the price change. */
  cost?: CostChange;
}

export const noop = (reason = 'up to date'): Change => ({ action: 'noop', fields: [], reason });

/** A destructive change is refused unless destruction is allowed (spec.destroy.allow or --allow-destroy). */
export const isRefused = (change: Change, allowDestroy: boolean): boolean => change.destructive === true && !allowDestroy && change.action !== 'noop';
