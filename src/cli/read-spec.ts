import { readFile } from 'node:fs/promises';
import { CtoError } from '../diagnostics/error.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { loadSpec, MAX_SPEC_BYTES, type LoadedSpec, type LoadOptions } from '../spec/load.js';
import { resolveLocalSources } from '../spec/sources.js';
import { isStdin } from './stdin.js';

/** Reads `-f FILE` (`-` is stdin), loads and validates it; warnings and notes go to stderr, errors throw. */
export async function readSpec(file: string | undefined, env: Record<string, string | undefined> = process.env, opts: LoadOptions = {}): Promise<LoadedSpec> {
  if (!file) throw new CtoError({ severity: 'error', message: 'no spec given', hint: 'pass -f cluster.yaml (or -f - for stdin)' });
  const stdin = isStdin(file);
  const name = stdin ? '<stdin>' : file;
  const text = await readText(stdin ? '-' : file, name);
  const result = loadSpec(text, name, env, opts);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new CtoError(result.diagnostics);
  for (const w of result.diagnostics) process.stderr.write(`${renderDiagnostic(w, (s) => result.spec?.secrets.redact(s) ?? s)}\n`);
  if (!stdin) resolveLocalSources(result.spec!.cluster, file);
  return result.spec!;
}

async function readText(file: string, name: string): Promise<string> {
  try {
    const buf = file === '-' ? await readStdin() : await readFile(file);
    // Reading more than the limit is pointless; loadSpec reports the size.
    return buf.subarray(0, MAX_SPEC_BYTES + 1).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CtoError({
      severity: 'error',
      file: name,
      line: 1,
      col: 1,
      message: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a spec file' : `cannot read: ${(e as Error).message}`,
      ...(code === 'ENOENT' ? { hint: 'run `cto init` to write one' } : {}),
    });
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > MAX_SPEC_BYTES) break;
  }
  return Buffer.concat(chunks);
}
