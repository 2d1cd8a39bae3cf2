import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { bundleModules } from '../../scripts/bundle-modules.mjs';

/** Bundles the real state modules so a plain `node -e` child (another cto run) can use them. */
export function bundleState(): Promise<string> {
  return bundleModules([
    "export { acquireLock } from './src/state/lock.ts';",
    "export { StateFolder } from './src/state/folder.ts';",
    "export { Journal } from './src/state/journal.ts';",
  ]);
}

/**
 * Runs `body` (an ES module body with the bundle's exports in scope) in a child
 * process that stays alive after it, and resolves with the first line it prints.
 */
export async function stateChild(bundle: string, body: string): Promise<{ child: ChildProcess; line: string }> {
  const script = `
    const { acquireLock, StateFolder, Journal } = await import(${JSON.stringify(bundle)});
    ${body}
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  while (!out.includes('\n')) {
    const [chunk] = (await once(child.stdout!, 'data')) as [string];
    out += chunk;
  }
  return { child, line: out.trim() };
}
