/**
 * A problem the user can act on. Errors are values: code that detects a
 * problem builds a Diagnostic; the CLI renders it (never a stack trace).
 */
export interface Diagnostic {
  /** A note informs and asks nothing (`cto validate`: a variable that plan will need is unset). */
  severity: 'error' | 'warning' | 'note';
  message: string;
  /** Source file the problem is in (the spec, a patch file…). */
  file?: string;
  /** 1-based position inside `file`. */
  line?: number;
  col?: number;
  /** JSON-pointer-like path into the spec, e.g. `spec.nodes.workers.count`. */
  path?: string;
  /** Step the problem belongs to, e.g. `server/worker-3`. */
  stepId?: string;
  /** What to do about it. */
  hint?: string;
}
