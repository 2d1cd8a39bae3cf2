import type { WalkEvent } from '../../executors/walk/events.js';

export interface ProgressView {
  onEvent(e: WalkEvent): void;
  /** Stops timers and leaves the terminal clean; call once the walk resolved. */
  close(): void;
}

/** What a view writes to: `process.stdout`/`stderr`, or anything shaped like them. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}
