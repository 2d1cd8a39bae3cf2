import type { WalkEvent, WalkTask } from '../../src/executors/walk/walker.js';
import type { FakeClock } from '../support/fake-clock.js';

/** A task whose work is `ms` of (virtual) latency. */
export function sleeper(clock: FakeClock, id: string, dependsOn: string[], ms: number, extra: Partial<WalkTask<string>> = {}): WalkTask<string> {
  return {
    id,
    dependsOn,
    async run({ signal }) {
      await clock.sleep(ms, signal);
      return id;
    },
    ...extra,
  };
}

/** Longest path through the graph, summing each task's duration. */
export function criticalPath(tasks: { id: string; dependsOn: string[] }[], duration: Map<string, number>): number {
  const finish = new Map<string, number>();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const visit = (id: string): number => {
    const known = finish.get(id);
    if (known !== undefined) return known;
    const t = byId.get(id)!;
    const f = Math.max(0, ...t.dependsOn.map(visit)) + duration.get(id)!;
    finish.set(id, f);
    return f;
  };
  return Math.max(0, ...tasks.map((t) => visit(t.id)));
}

export function collect(): { events: WalkEvent[]; onEvent(e: WalkEvent): void } {
  const events: WalkEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}
