import { CtoError } from '../../diagnostics/error.js';
import { formatDuration } from './duration.js';

/** A task used up its time budget (`timeoutMs`, retries included). */
export class TaskTimeoutError extends CtoError {
  constructor(
    readonly taskId: string,
    readonly timeoutMs: number,
  ) {
    super({ severity: 'error', message: `${taskId} timed out after ${formatDuration(timeoutMs)}`, stepId: taskId });
    this.name = 'TaskTimeoutError';
  }
}
