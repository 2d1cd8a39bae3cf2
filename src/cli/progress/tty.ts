import pc from 'picocolors';
import { formatDuration } from '../../executors/walk/duration.js';
import { eventLine, RunningSet } from './lines.js';
import type { ProgressStream, ProgressView } from './view.js';

export interface TtyOptions {
  color: boolean;
  now?: () => number;
  /** Redraw interval for the elapsed times. */
  tickMs?: number;
}

/**
 * A live view: lasting lines scroll above a block of one line per running
 * task ("server/worker-1: deploying… [1m10s elapsed]") that is redrawn in place.
 */
export function ttyView(stream: ProgressStream, opts: TtyOptions): ProgressView {
  const now = opts.now ?? Date.now;
  const c = pc.createColors(opts.color);
  const tone = { start: c.cyan, ok: c.green, warn: c.yellow, error: c.red, dim: c.dim };
  const running = new RunningSet();
  let drawn = 0;

  // Cursor to the start of the live block, then clear to the end of the screen.
  const erase = () => (drawn > 0 ? `\x1b[${drawn}F\x1b[J` : '');
  const live = () => {
    const at = now();
    // Lines wider than the terminal would wrap and break the cursor arithmetic; a pty without a size reports 0 columns.
    const width = Math.max(20, (stream.columns || 80) - 1);
    // The cursor cannot move above the top of the screen, so the block must fit in it.
    const room = Math.max(3, (stream.rows || 24) - 2);
    const tasks = [...running.tasks];
    const shown = tasks.length > room ? tasks.slice(0, room - 1) : tasks;
    const texts = shown.map(([id, t]) => `${id}: ${t.message ?? 'running'}… [${elapsed(at - t.since)} elapsed]`);
    if (shown.length < tasks.length) texts.push(`… and ${tasks.length - shown.length} more running`);
    const rows = texts.map((text) => `${c.dim(text.length > width ? `${text.slice(0, width - 1)}…` : text)}\n`);
    drawn = rows.length;
    return rows.join('');
  };
  const redraw = (above = '') => void stream.write(erase() + above + live());

  const tick = setInterval(() => {
    if (running.tasks.size > 0) redraw();
  }, opts.tickMs ?? 1_000);
  tick.unref();

  return {
    onEvent(e) {
      const changed = running.update(e);
      const line = eventLine(e);
      if (line) redraw(`${tone[line.tone](line.text)}\n`);
      else if (changed) redraw();
    },
    close() {
      clearInterval(tick);
      stream.write(erase());
      drawn = 0;
    },
  };
}

/** Whole seconds, as Terraform shows them: a live line ticking through milliseconds is noise. */
function elapsed(ms: number): string {
  return ms < 1000 ? '0s' : formatDuration(ms);
}
