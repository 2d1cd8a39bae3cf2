import type { Diagnostic } from './diagnostic.js';

/**
 * An expected failure carrying one or more diagnostics. Throw it for problems
 * a user can fix; anything else reaching the CLI is a bug.
 */
export class CtoError extends Error {
  /** `cause`: the error this one explains (a client's), kept for code that branches on it, never rendered. */
  constructor(
    public diagnostic: Diagnostic | Diagnostic[],
    options?: { cause?: unknown },
  ) {
    super(summarize(diagnostic), options);
    this.name = 'CtoError';
  }

  get diagnostics(): Diagnostic[] {
    return Array.isArray(this.diagnostic) ? this.diagnostic : [this.diagnostic];
  }
}

function summarize(d: Diagnostic | Diagnostic[]): string {
  const list = Array.isArray(d) ? d : [d];
  if (list.length === 0) return 'unknown error';
  const first = list[0]!.message;
  return list.length === 1 ? first : `${first} (and ${list.length - 1} more)`;
}
