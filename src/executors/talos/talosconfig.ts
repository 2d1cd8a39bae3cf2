import { parseDocument } from 'yaml';
import type { StepContext } from '../step-kind.js';
import { readSecretFile, registerSecrets } from '../secret-files.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';

/**
 * The cluster's talosconfig in the state folder. It is derived from the
 * secrets bundle (same CA), so writing it when missing changes nothing in the
 * cluster. Writes are serialised: every control-plane step adds its endpoint.
 */
let tail: Promise<unknown> = Promise.resolve();

function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const next = tail.catch(() => undefined).then(fn);
  tail = next;
  return next;
}

/** Keeps the state's talosconfig if there is one, else writes `generated`. */
export function ensureTalosconfig(ctx: StepContext, generated: string): Promise<void> {
  registerSecrets(ctx, generated);
  return serialised(async () => {
    if (await ctx.state.exists(TALOSCONFIG_FILE)) return;
    await ctx.state.writeAtomic(TALOSCONFIG_FILE, generated);
  });
}

/** Adds a control plane's address to the talosconfig's endpoints, for people using talosctl by hand. */
export function addEndpoint(ctx: StepContext, ip: string): Promise<void> {
  return serialised(async () => {
    const text = await readSecretFile(ctx, TALOSCONFIG_FILE);
    if (text === undefined) return;
    const updated = withEndpoint(text, ip);
    if (updated !== text) await ctx.state.writeAtomic(TALOSCONFIG_FILE, updated);
  });
}

/** Pure: the talosconfig text with `ip` among the current context's endpoints (sorted, no duplicates). */
export function withEndpoint(talosconfig: string, ip: string): string {
  const doc = parseDocument(talosconfig);
  const context = doc.get('context');
  if (typeof context !== 'string') return talosconfig;
  const path = ['contexts', context, 'endpoints'];
  const current = (doc.getIn(path) as { toJSON(): unknown } | undefined)?.toJSON();
  const endpoints = Array.isArray(current) ? current.map(String) : [];
  if (endpoints.includes(ip)) return talosconfig;
  doc.setIn(path, [...endpoints, ip].sort());
  return doc.toString();
}
