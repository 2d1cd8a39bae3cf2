#!/usr/bin/env bash
# One full `npm test`, timed: `bash bench/npm-test-times.sh [times.json]`.
# Runs `npm test` unchanged, with bench/test-times.mjs beside the default reporter of its last vitest run
# (the integration, e2e and reliability tiers), and prints the commit, the load average at the start,
# the part before those tiers (build, unit tier, test environment check), the rest, and the total; the
# reporter's table of tiers and files comes above. Exit status: npm test's.
set -u
cd "$(dirname "$0")/.."
times=$(realpath -m "${1:-test-times.json}")
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+changes')
load=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$(date +%s%3N)
CTO_TEST_TIMES=$times npm test -- --reporter=default --reporter=./bench/test-times.mjs
rc=$?
t1=$(date +%s%3N)
# CPU time of everything npm test ran (user and system, children reaped), against the wall time above.
times >"$times.cpu"
cpu=$(tail -1 "$times.cpu")
node -e '
  const [t0, t1, file, commit, load, rc, cpu] = process.argv.slice(1);
  const s = (ms) => (ms / 1000).toFixed(0) + " s";
  let split = "(no report from the last tiers: the run stopped before they ended)";
  try {
    const started = JSON.parse(require("fs").readFileSync(file, "utf8")).started;
    if (started >= Number(t0)) split = `before the tiers (build + unit + testenv check) ${s(started - t0)}, integration + e2e + reliability ${s(t1 - started)}`;
  } catch {}
  console.log(`\nnpm test at ${commit}, load at start ${load}, exit ${rc}: ${split}, total ${s(t1 - t0)}; CPU (user system) ${cpu}; load at end ${require("os").loadavg().map((x) => x.toFixed(2)).join(" ")}`);
' "$t0" "$t1" "$times" "$commit" "$load" "$rc" "$cpu"
exit $rc
