/** What the walker reports while it runs; progress views and logs consume these. */
export type WalkEvent =
  | { type: 'started'; id: string; at: number; attempt: number }
  | { type: 'progress'; id: string; at: number; message: string }
  | { type: 'retrying'; id: string; at: number; attempt: number; delayMs: number; error: string }
  | { type: 'finished'; id: string; at: number; durationMs: number }
  | { type: 'failed'; id: string; at: number; error: string }
  | { type: 'blocked'; id: string; at: number; by: string }
  | { type: 'cancelled'; id: string; at: number };
