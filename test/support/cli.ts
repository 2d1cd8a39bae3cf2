import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WalkEvent } from '../../src/executors/walk/events.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const ctoBin = `${repoRoot}bin/cto`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build` first) as a user would; never throws on a non-zero exit. */
export function runCto(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [ctoBin, ...args],
      { cwd: opts.cwd ?? repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...opts.env }, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    else child.stdin!.end();
  });
}

/** The progress events `--json` writes to stderr, one object per line, among cto's other messages. */
export const jsonEvents = (stderr: string): WalkEvent[] =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as WalkEvent);

/** The `--json` events a running command wrote so far (whole lines only: the last may still be arriving). */
export const eventsSoFar = (output: string): WalkEvent[] => {
  const whole = output.replaceAll('\r', '');
  return jsonEvents(whole.slice(0, whole.lastIndexOf('\n') + 1));
};

/** Steps a running command reported finished so far. */
export const finishedSteps = (output: string): number => eventsSoFar(output).filter((e) => e.type === 'finished').length;

export const TEST_ENV = { LATITUDE_PROJECT_ID: 'proj_test', LATITUDE_API_KEY: 'lat_test_key_ABCDEF123456', GITOPS_USERNAME: 'git-user', GITOPS_TOKEN: 'ghp_testtoken_0123456789' };
