// Where a test run's time goes: a vitest reporter, added beside the default one.
//
//   npx vitest run --project integration --project e2e --project reliability \
//     --reporter=default --reporter=./bench/test-times.mjs
//   npm test -- --reporter=default --reporter=./bench/test-times.mjs   (the tiers after the unit tier)
//
// At the end it prints each tier's wall time with the machine's CPU use and load average over it, each
// file's wall time (from the moment a worker took it to its end: imports, world start and hooks
// included), and the longest tests of the longest files; it writes the same as JSON to
// $CTO_TEST_TIMES (default test-times.json in the working folder). `node bench/test-times.mjs FILE`
// prints an earlier run's JSON again.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const SAMPLE_MS = 5_000;

/** Busy and total CPU jiffies since boot, from /proc/stat (all cores). */
function cpuJiffies() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3] + n[4]; // idle + iowait
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export default class TestTimes {
  files = new Map();
  samples = [];

  onInit(vitest) {
    this.root = vitest.config.root;
    this.started = Date.now();
    let last = cpuJiffies();
    this.timer = setInterval(() => {
      const now = cpuJiffies();
      this.samples.push({ at: Date.now(), busy: (now.busy - last.busy) / Math.max(1, now.total - last.total), load: loadavg()[0] });
      last = now;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  onTestModuleQueued(m) {
    this.entry(m).start ??= Date.now();
  }

  onTestModuleStart(m) {
    this.entry(m).start ??= Date.now();
  }

  onTestModuleEnd(m) {
    const e = this.entry(m);
    e.end = Date.now();
    e.state = m.state();
    e.tests = [...m.children.allTests()].map((t) => ({ name: t.fullName, ms: Math.round(t.diagnostic()?.duration ?? 0), state: t.result().state }));
  }

  onTestRunEnd() {
    clearInterval(this.timer);
    const run = { started: this.started, ended: Date.now(), samples: this.samples, files: [...this.files.values()].filter((f) => f.end) };
    writeFileSync(process.env.CTO_TEST_TIMES ?? 'test-times.json', JSON.stringify(run, null, 1));
    process.stdout.write(`\n${summary(run)}\n`);
  }

  entry(m) {
    const file = relative(this.root, m.moduleId);
    if (!this.files.has(file)) this.files.set(file, { tier: m.project.name, file });
    return this.files.get(file);
  }
}

const s = (ms) => `${Math.round(ms / 1000)} s`;

/** The printed account of a run (see the top of this file). */
export function summary(run) {
  const lines = [];
  const tiers = [...new Set(run.files.map((f) => f.tier))];
  const over = (from, to) => {
    const within = run.samples.filter((x) => x.at > from && x.at <= to);
    if (!within.length) return 'no samples';
    const avg = (k) => within.reduce((a, x) => a + x[k], 0) / within.length;
    return `CPU busy ${Math.round(avg('busy') * 100)}%, load ${avg('load').toFixed(1)} (max ${Math.max(...within.map((x) => x.load)).toFixed(1)})`;
  };
  lines.push(`run: ${s(run.ended - run.started)} wall, ${over(run.started, run.ended)}`);
  for (const tier of tiers) {
    const files = run.files.filter((f) => f.tier === tier);
    const from = Math.min(...files.map((f) => f.start));
    const to = Math.max(...files.map((f) => f.end));
    const sum = files.reduce((a, f) => a + f.end - f.start, 0);
    const failed = files.filter((f) => f.state !== 'passed').length;
    lines.push(`tier ${tier}: ${s(to - from)} wall (${s(from - run.started)} → ${s(to - run.started)}), ${files.length} files${failed ? `, ${failed} not passed` : ''}, sum of file times ${s(sum)}; ${over(from, to)}`);
  }
  lines.push('', 'files, longest first (start → end from the run start; tier; state):');
  const byLength = [...run.files].sort((a, b) => b.end - b.start - (a.end - a.start));
  for (const f of byLength) lines.push(`  ${s(f.end - f.start).padStart(6)}  ${s(f.start - run.started).padStart(6)} → ${s(f.end - run.started).padEnd(6)} ${f.tier.padEnd(12)} ${f.file}${f.state === 'passed' ? '' : `  [${f.state}]`}`);
  lines.push('', 'longest tests of the five longest files (test time only, hooks excluded):');
  for (const f of byLength.slice(0, 5)) {
    lines.push(`  ${f.file}`);
    for (const t of [...f.tests].sort((a, b) => b.ms - a.ms).slice(0, 4)) lines.push(`    ${s(t.ms).padStart(6)}  ${t.name}${t.state === 'passed' ? '' : `  [${t.state}]`}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(summary(JSON.parse(readFileSync(process.argv[2] ?? 'test-times.json', 'utf8'))));
}
