import type { ProgressStream, ProgressView } from './view.js';

/** One JSON object per line: the walker's events as they are, for machines. */
export function jsonView(stream: ProgressStream): ProgressView {
  return {
    onEvent: (e) => void stream.write(`${JSON.stringify(e)}\n`),
    close: () => undefined,
  };
}
