/**
 * Lines of a plain (non-TTY) progress log that say again what their step's previous line said, less than
 * 30 s after it: a waiting step prints its state when it changes and repeats it at most that often.
 * The time elapsed that a line carries (`(2m30s elapsed)`, formerly `(12s)`) is not part of the state.
 */
export function repeatedWithin30s(log: string): string[] {
  const last = new Map<string, { at: number; state: string }>();
  const repeated: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) ([\w/.-]+): (.*?)(?: \((?:\d+s|[\dhms]+ elapsed)\))?$/.exec(line);
    if (!m) continue;
    const [, time, id, state] = m as unknown as [string, string, string, string];
    const at = Date.parse(time);
    const prev = last.get(id);
    if (prev && prev.state === state && at - prev.at < 30_000) repeated.push(line);
    last.set(id, { at, state });
  }
  return repeated;
}
