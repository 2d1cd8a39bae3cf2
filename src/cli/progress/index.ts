import { jsonView } from './json.js';
import { plainView } from './plain.js';
import { ttyView } from './tty.js';
import type { ProgressStream, ProgressView } from './view.js';
import { envConfig } from '../../config/env.js';

export type { ProgressStream, ProgressView } from './view.js';

export interface ProgressViewOptions {
  json: boolean;
  stream: ProgressStream;
  /** The user's wish (e.g. not `--no-color`); honoured only on a TTY and never with NO_COLOR set. */
  color: boolean;
  env?: Record<string, string | undefined>;
  now?: () => number;
}

/** `--json` → JSON lines; a terminal → the live view; anything else (CI, pipes) → timestamped lines. */
export function createProgressView(opts: ProgressViewOptions): ProgressView {
  if (opts.json) return jsonView(opts.stream);
  const env = opts.env ?? process.env;
  const now = opts.now ? { now: opts.now } : {};
  if (opts.stream.isTTY) return ttyView(opts.stream, { color: opts.color && !envConfig(env).noColor, ...now });
  return plainView(opts.stream, now);
}
