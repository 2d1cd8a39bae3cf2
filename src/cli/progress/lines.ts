import type { WalkEvent } from '../../executors/walk/events.js';
import { formatDuration } from '../../executors/walk/duration.js';
import { withoutStep } from '../../diagnostics/render.js';

/**
 * The lasting line an event leaves in the log (the live "still running" lines
 * are the TTY view's own), shared by the TTY and plain views so they read alike.
 * `tone` lets a coloured view pick a colour without parsing the text.
 */
export function eventLine(e: WalkEvent): { text: string; tone: 'start' | 'ok' | 'warn' | 'error' | 'dim' } | undefined {
  switch (e.type) {
    case 'started':
      return { text: `${e.id}: started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`, tone: 'start' };
    case 'finished':
      return { text: `${e.id}: done after ${formatDuration(e.durationMs)}`, tone: 'ok' };
    case 'retrying':
      return { text: `${e.id}: retrying in ${formatDuration(e.delayMs)} (attempt ${e.attempt}): ${withoutStep(e.id, e.error)}`, tone: 'warn' };
    case 'failed':
      return { text: `${e.id}: failed: ${withoutStep(e.id, e.error)}`, tone: 'error' };
    case 'blocked':
      return { text: `${e.id}: not started, ${e.by} failed`, tone: 'dim' };
    case 'cancelled':
      return { text: `${e.id}: cancelled`, tone: 'dim' };
    case 'progress':
      return undefined;
  }
}

/** Tracks which tasks are running, since when, and their latest progress message. */
export class RunningSet {
  readonly tasks = new Map<string, { since: number; message?: string }>();

  /** Returns true when the event changed what a live view would show. */
  update(e: WalkEvent): boolean {
    switch (e.type) {
      case 'started': {
        const prior = this.tasks.get(e.id);
        this.tasks.set(e.id, { since: prior?.since ?? e.at });
        return true;
      }
      case 'progress': {
        const task = this.tasks.get(e.id);
        if (!task || task.message === e.message) return false;
        task.message = e.message;
        return true;
      }
      case 'retrying':
        return false;
      default:
        return this.tasks.delete(e.id);
    }
  }
}
