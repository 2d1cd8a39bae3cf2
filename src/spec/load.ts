import { isCollection, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { interpolate } from './interpolate.js';
import { applyProfile } from './profile.js';
import { schemaDiagnostics } from './schema-errors.js';
import { SecretSet } from './secrets.js';
import { semanticDiagnostics } from './semantic.js';
import type { SpecSource } from './source.js';
import type { Cluster } from './types.gen.js';
import { validate } from './validate.gen.js';

/** A spec larger than this is not a hand-written cluster.yaml; refuse it before parsing. */
export const MAX_SPEC_BYTES = 1024 * 1024;
const MAX_ALIASES = 100;

export interface LoadedSpec {
  cluster: Cluster;
  source: SpecSource;
  secrets: SecretSet;
  /** sha256 of the spec text; plan files record it to refuse a stale plan. */
  readonly hash: string;
}

export interface LoadResult {
  spec?: LoadedSpec;
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** `note`: an unset `${env:NAME}` is reported but not an error, and the spec still comes back (`cto validate`). */
  unsetEnv?: 'error' | 'note';
}

/**
 * load → interpolate → validate, pure apart from reading `env`. Every problem comes back as a
 * positioned diagnostic, sorted by position; the spec is returned only when there is no error.
 */
export function loadSpec(text: string, file: string, env: Record<string, string | undefined>, opts: LoadOptions = {}): LoadResult {
  const at1 = (message: string, hint?: string): LoadResult => ({
    diagnostics: [{ severity: 'error', file, line: 1, col: 1, message, ...(hint ? { hint } : {}) }],
  });
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES) return at1(`file is larger than ${MAX_SPEC_BYTES / 1024} KiB; is this really a cluster spec?`);
  if (text.includes('\0')) return at1('file is binary, not YAML');
  if (text.trim() === '') return at1('file is empty', 'run `cto init` to write a commented cluster.yaml');

  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return at1('file is empty', 'run `cto init` to write a commented cluster.yaml');
  if (list.length > 1) return at1(`file holds ${list.length} YAML documents; a spec is one`);
  const doc = list[0]!;
  const source: SpecSource = { file, text, doc, lineCounter };
  if (doc.errors.length) {
    // Later syntax errors are nearly always echoes of the first; one precise message beats forty.
    const first = doc.errors[0]!;
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more syntax errors follow from it)` : '';
    return {
      diagnostics: [{ severity: 'error', file, ...lineCounter.linePos(first.pos[0]), message: `YAML syntax: ${yamlMessage(first.message)}${more}` }],
    };
  }
  // A spec's keys are names. A map or list used as a key would be stringified by toJS, which takes
  // time polynomial in its depth: a 3 KB file with a 600-deep key took 23 s.
  const key = collectionKey(doc);
  if (key) return { diagnostics: [{ severity: 'error', file, ...lineCounter.linePos(key.range![0]), message: 'a key must be a name, not a map or a list' }] };
  const syntax = doc.warnings.map<Diagnostic>((w) => ({ severity: 'warning', file, ...lineCounter.linePos(w.pos[0]), message: yamlMessage(w.message) }));

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return at1(`cannot expand the document: ${(e as Error).message}`, 'YAML aliases may be used at most a few times');
  }
  if (raw === null || raw === undefined) return at1('file is empty', 'run `cto init` to write a commented cluster.yaml');
  if (typeof raw !== 'object' || Array.isArray(raw)) return at1('the document must be a map with apiVersion, kind, metadata and spec');

  const secrets = new SecretSet();
  const diagnostics: Diagnostic[] = [...syntax];
  const resolved = interpolate(raw, { source, env, secrets, diagnostics, unset: opts.unsetEnv ?? 'error' });
  // A field whose variable is missing already has its diagnostic; what its emptiness breaks is not news.
  const unresolved = new Set(diagnostics.filter((d) => d.severity !== 'warning').map((d) => d.path));
  const news = (list: Diagnostic[]) => list.filter((d) => !unresolved.has(d.path));
  // Precompiled from the schema (scripts/gen-validator.mjs): compiling it at every start cost most of a cold run.
  if (!validate(resolved)) diagnostics.push(...news(schemaDiagnostics(validate.errors ?? [], source, resolved)));
  if (!diagnostics.some((d) => d.severity === 'error')) {
    const cluster = resolved as Cluster;
    applyProfile(cluster);
    diagnostics.push(...news(semanticDiagnostics(cluster, source)));
    if (!diagnostics.some((d) => d.severity === 'error')) {
      // Only plans read the hash; node:crypto is loaded then, not on every cold `cto validate`.
      const spec: LoadedSpec = { cluster, source, secrets, get hash() { return sha256(text); } };
      return { spec, diagnostics: sortDiagnostics(diagnostics) };
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics.map((d) => ({ ...d, message: secrets.redact(d.message) }))) };
}

const sha256 = (text: string) => process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');

function collectionKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined;
      found = pair.key;
      return visit.BREAK;
    },
  });
  return found;
}

const yamlMessage = (m: string) => m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
