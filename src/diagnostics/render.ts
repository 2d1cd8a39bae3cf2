import type { Diagnostic } from './diagnostic.js';

/**
 * The one place diagnostics become text: `file:line:col: path: message`, then the hint.
 * Positions come first so editors and CI annotate the right line.
 */
export function renderDiagnostic(d: Diagnostic, redact: (s: string) => string = (s) => s): string {
  const where = d.file ? `${d.file}:${d.line ?? 1}:${d.col ?? 1}: ` : '';
  const severity = d.severity === 'error' ? '' : `${d.severity}: `;
  const subject = [d.stepId, d.path].filter(Boolean).join(': ');
  const message = d.stepId ? withoutStep(d.stepId, d.message) : d.message;
  const head = `${where}${severity}${subject ? `${subject}: ` : ''}${message}`;
  return redact(d.hint ? `${head}\n  hint: ${d.hint}` : head);
}

export function renderDiagnostics(list: Diagnostic[], redact?: (s: string) => string): string {
  return list.map((d) => renderDiagnostic(d, redact)).join('\n');
}

/**
 * A step's message for a line that names the step already. Many messages name their step
 * themselves, so that they read whole where nothing adds it (`CtoError.message`, JSON events).
 */
export function withoutStep(stepId: string, message: string): string {
  return message.startsWith(`${stepId}: `) ? message.slice(stepId.length + 2) : message;
}
