import { ChildProcess } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import { StateFolder } from '../../src/state/folder.js';
import { TEST_ENV } from '../support/cli.js';

const base = readFileSync(new URL('../../examples/two-node.yaml', import.meta.url), 'utf8');

/** Values an attacker or a careless paste would put in a spec: paths out, shell, control characters, secrets, extremes. */
export const HOSTILE_STRINGS = [
  '../../etc',
  '/dev/sda; rm -rf /',
  'cto\nprod',
  'cto\r\nprod',
  '$(touch PWNED)',
  '`touch PWNED`',
  '/dev/nvme0n1 && touch PWNED',
  '/etc/passwd',
  '..',
  '/',
  '-rf',
  '--help',
  '\u202egnp.exe',
  '\u0007\u001b[31m',
  '${env:HOME}',
  '${env:LATITUDE_API_KEY}',
  '${file:/etc/passwd}',
  '${env:',
  'http://169.254.169.254/latest/meta-data',
  'x'.repeat(5_000),
];

const scalarPaths: (string | number)[][] = [];
visit(parseDocument(base), {
  Scalar(_key, _node, path) {
    const keys: (string | number)[] = [];
    for (let i = 1; i < path.length; i++) {
      const parent = path[i - 1];
      const node = path[i];
      if (isMap(parent) && node && 'key' in node && isScalar(node.key)) keys.push(String(node.key.value));
    }
    // The Pair is the last ancestor; a scalar that is a key (not a value) has the same path and is skipped as a duplicate.
    if (keys.length && !scalarPaths.some((p) => p.join('.') === keys.join('.'))) scalarPaths.push(keys);
  },
});

const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: deep(depth - 1) });

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom<unknown>(-1, 0, 2 ** 53, 1e309, true, null)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, ['a', 'b'], { unknown: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 400 }).map(deep) },
);

const leaf = fc.constantFrom(...scalarPaths);

/** Edits of the parsed spec: they keep it YAML, so most cases get past the parser and into the schema and semantic checks. */
const treeMutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), path: leaf, value }),
  fc.record({ op: fc.constant('delete' as const), path: leaf, up: fc.nat(2) }),
  fc.record({ op: fc.constant('add' as const), path: leaf, key: fc.constantFrom('x-extra', '<<', '__proto__', 'constructor', ''), value }),
  fc.record({ op: fc.constant('alias' as const), path: leaf, times: fc.integer({ min: 1, max: 300 }) }),
);

const tokens = ['{', '}', '[', ']', ':', '- ', '&a ', '*a', '!!binary ', '!!js/function ', '${env:X}', '"', "'", '\t', '---', '? ', '|', '>', '%YAML 1.2', '~', '\u0085'];

/** Edits of the text afterwards, for the parser's sake. */
const textMutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat(60) }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat(60) }),
  fc.record({ op: fc.constant('insert' as const), line: fc.nat(60), token: fc.constantFrom(...tokens) }),
);

type TreeMutation = typeof treeMutation extends fc.Arbitrary<infer T> ? T : never;
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(tree: TreeMutation[], text: TextMutation[]): string {
  const doc = parseDocument(base);
  // Aliases last, each with its own anchor, so that no later edit removes the node they refer to.
  const ordered = [...tree.filter((m) => m.op !== 'alias'), ...tree.filter((m) => m.op === 'alias')];
  for (const [i, m] of ordered.entries()) {
    try {
      if (m.op === 'set') doc.setIn(m.path, doc.createNode(m.value));
      else if (m.op === 'delete') doc.deleteIn(m.path.slice(0, Math.max(1, m.path.length - m.up)));
      else if (m.op === 'add') doc.setIn([...m.path.slice(0, -1), m.key], doc.createNode(m.value));
      else {
        // One anchored node referenced `times` times: the alias-expansion attack on a real field.
        const target = doc.getIn(m.path, true);
        if (!isScalar(target)) continue;
        target.anchor ??= `h${i}`;
        doc.setIn([...m.path.slice(0, -1), `x-aliases-${i}`], doc.createNode(Array.from({ length: m.times }, () => doc.createAlias(target))));
      }
    } catch {
      // An earlier edit replaced a map on this path with a scalar: this edit no longer applies.
    }
  }
  const lines = String(doc).split('\n');
  for (const m of text) {
    const i = Math.min(m.line, lines.length - 1);
    if (m.op === 'delete') lines.splice(i, 1);
    else if (m.op === 'duplicate') lines.splice(i, 0, lines[i]!);
    else lines[i] = `${lines[i]!.slice(0, lines[i]!.length >> 1)}${m.token}${lines[i]!.slice(lines[i]!.length >> 1)}`;
  }
  return lines.join('\n');
}

/** A spec built from the example by 1–4 tree edits and, half the time, up to 2 text edits. */
export const hostileSpec = fc
  .tuple(fc.array(treeMutation, { minLength: 1, maxLength: 4 }), fc.oneof(fc.constant<TextMutation[]>([]), fc.array(textMutation, { minLength: 1, maxLength: 2 })))
  .map(([tree, text]) => mutate(tree, text));

export interface CaseOutcome {
  /** What `cto validate` exits with: 0, 1, or undefined when it crashed. */
  code: 0 | 1 | undefined;
  output: string;
  ms: number;
  /** Why the case breaks a rule; undefined when it holds. */
  problem?: string;
}

/**
 * Runs `cto validate`'s command in this process (the CLI wraps it: CtoError → exit 1, anything
 * else → internal error) and checks the outcome: a positioned diagnostic for every error, no secret
 * in the output, and a valid spec's state folder inside `.cto/` beside it.
 */
export async function validateCase(text: string, dir: string): Promise<CaseOutcome> {
  const file = join(dir, 'cluster.yaml');
  writeFileSync(file, text);
  let output = '';
  const { stdout, stderr } = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = ((chunk: string | Uint8Array) => ((output += String(chunk)), true)) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  const t = performance.now();
  let code: 0 | 1 | undefined;
  let problem: string | undefined;
  try {
    await validateCommand({ file });
    code = 0;
  } catch (e) {
    if (e instanceof CtoError) {
      code = 1;
      output += `${renderDiagnostics(e.diagnostics)}\n`;
      const unplaced = e.diagnostics.filter((d) => d.severity === 'error' && !(d.file === file && d.line! >= 1 && d.col! >= 1));
      if (unplaced.length) problem = `diagnostic without a position: ${renderDiagnostics(unplaced)}`;
    } else {
      problem = `crash: ${(e as Error)?.stack ?? String(e)}`;
    }
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  const ms = performance.now() - t;
  if (code === 0) {
    const name = /: valid \((.*)\)\n$/.exec(output)?.[1] ?? '';
    const state = relative(join(dir, '.cto'), StateFolder.forSpec(file, name));
    if (state === '' || state.startsWith('..') || isAbsolute(state) || /[/\\\n\r]/.test(state)) problem = `state folder outside .cto/: ${JSON.stringify(state)}`;
  }
  for (const secret of [TEST_ENV.LATITUDE_API_KEY, TEST_ENV.GITOPS_TOKEN]) if (output.includes(secret)) problem = `secret in the output: ${output}`;
  return { code, output, ms, ...(problem ? { problem } : {}) };
}

/** `cases` seeded hostile specs, made 100 at a time so that a long run never holds them all (some are 600 KB). */
export function* hostileSpecs(cases: number, seed: number): Generator<string> {
  for (let done = 0; done < cases; done += 100) yield* fc.sample(hostileSpec, { numRuns: Math.min(100, cases - done), seed: seed + done });
}

export interface FuzzFigures {
  cases: number;
  /** Per case, in order: the exit code `cto validate` gives it (undefined: crashed). */
  codes: CaseOutcome['code'][];
  valid: number;
  refused: number;
  failures: { text: string; problem: string }[];
  maxCaseMs: number;
  /** The case that took `maxCaseMs`, to replay it. */
  slowest: string;
  peakRssMiB: number;
  /** Connections, DNS lookups and child processes attempted while the cases ran. */
  io: string[];
}

/**
 * Every syscall-level way out of the process the validate path could take is refused and
 * recorded while `fn` runs: TCP/IPC connects, DNS lookups, spawning a program (shell or not).
 */
export async function withoutIo<T>(fn: () => Promise<T>): Promise<{ result: T; io: string[] }> {
  const io: string[] = [];
  // Every way to start a program (spawn, exec, execFile, fork, execa) ends in this undocumented method.
  const child = ChildProcess.prototype as unknown as { spawn: (options: { file?: string }) => unknown };
  const saved = { connect: Socket.prototype.connect, spawn: child.spawn, lookup: dns.lookup, resolve: dns.promises.lookup };
  const refuse = (what: string) => {
    io.push(what);
    throw new Error(`no I/O allowed while validating: ${what}`);
  };
  Socket.prototype.connect = function (...args: unknown[]) {
    return refuse(`connect ${JSON.stringify(args[0])}`);
  } as typeof Socket.prototype.connect;
  child.spawn = (options) => refuse(`spawn ${options?.file}`);
  dns.lookup = ((host: string) => refuse(`lookup ${host}`)) as unknown as typeof dns.lookup;
  dns.promises.lookup = ((host: string) => refuse(`lookup ${host}`)) as typeof dns.promises.lookup;
  // `import { lookup } from 'node:dns'` elsewhere sees the patch too.
  syncBuiltinESMExports();
  try {
    return { result: await fn(), io };
  } finally {
    Socket.prototype.connect = saved.connect;
    child.spawn = saved.spawn;
    dns.lookup = saved.lookup;
    dns.promises.lookup = saved.resolve;
    syncBuiltinESMExports();
  }
}

/** Specs through `validateCase` with the environment the example needs, and the figures a campaign reports. */
export async function fuzzValidate(texts: Iterable<string>): Promise<FuzzFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cto-fuzz-'));
  const env = Object.fromEntries(Object.keys(TEST_ENV).map((k) => [k, process.env[k]]));
  Object.assign(process.env, TEST_ENV);
  const figures: FuzzFigures = { cases: 0, codes: [], valid: 0, refused: 0, failures: [], maxCaseMs: 0, slowest: '', peakRssMiB: 0, io: [] };
  try {
    const { io } = await withoutIo(async () => {
      for (const text of texts) {
        const r = await validateCase(text, dir);
        figures.cases++;
        figures.codes.push(r.code);
        if (r.code === 0) figures.valid++;
        if (r.code === 1) figures.refused++;
        if (r.problem) figures.failures.push({ text, problem: r.problem });
        if (r.ms > figures.maxCaseMs) Object.assign(figures, { maxCaseMs: r.ms, slowest: text });
      }
    });
    figures.io = io;
  } finally {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  figures.peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return figures;
}
