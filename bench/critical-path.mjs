// The lower bound of any schedule of a step graph: the longest chain of durations along its edges.
// Shared by the walker benchmark (synthetic durations) and the demo benchmark (measured ones).

/** `steps`: `{ id, dependsOn, ms }`. Returns the earliest finish of each step; dependencies outside the list count as done. */
function earliestFinish(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map();
  const finish = (id) => {
    if (!memo.has(id)) {
      const s = byId.get(id);
      memo.set(id, s ? Math.max(0, ...s.dependsOn.map(finish)) + s.ms : 0);
    }
    return memo.get(id);
  };
  return { byId, finish };
}

export function criticalPath(steps) {
  const { finish } = earliestFinish(steps);
  return Math.max(0, ...steps.map((s) => finish(s.id)));
}

/** The chain that sets the critical path, first step first, for the report. */
export function criticalChain(steps) {
  const { byId, finish } = earliestFinish(steps);
  let id = steps.reduce((best, s) => (finish(s.id) > finish(best.id) ? s : best), steps[0]).id;
  const chain = [];
  while (id) {
    chain.unshift(id);
    const deps = byId.get(id).dependsOn.filter((d) => byId.has(d));
    id = deps.length ? deps.reduce((a, b) => (finish(a) >= finish(b) ? a : b)) : undefined;
  }
  return chain;
}

/** Durations per step from the walker's JSON events, and the apply's makespan (first start to last end). */
export function measure(events) {
  const started = new Map();
  const ended = new Map();
  for (const e of events) {
    if (e.type === 'started' && !started.has(e.id)) started.set(e.id, e.at);
    if (e.type === 'finished') ended.set(e.id, e.at);
  }
  const failed = events.filter((e) => e.type === 'failed' || e.type === 'blocked' || e.type === 'cancelled');
  if (failed.length) throw new Error(`apply did not finish: ${JSON.stringify(failed.slice(0, 3))}`);
  const durations = new Map([...ended].map(([id, at]) => [id, at - started.get(id)]));
  const makespan = Math.max(...ended.values()) - Math.min(...started.values());
  return { durations, makespan };
}
