import { parseAllDocuments } from 'yaml';
import { contractOf, parseTalosVersion } from '../../clients/talos/version.js';
import { CtoError } from '../../diagnostics/error.js';
import type { StepContext } from '../step-kind.js';
import { SECRETS_FILE } from '../../state/files.js';
import { talosctlFor } from '../talos/talosctl-for.js';

export interface RenderBundle {
  /** The secrets bundle's text: the cluster's, or one generated for this render only. */
  text: string;
  /** Set when the bundle is a throwaway: says why, for the output's notes. */
  throwaway?: string;
}

/**
 * The cluster's secrets bundle from the state folder, else a throwaway one:
 * `talosctl gen secrets` writes it into a private temp dir that is removed at
 * once, and nothing is written into the state folder (a render must never
 * decide the cluster's keys). Its key material is registered as secret either way.
 */
export async function renderBundle(ctx: StepContext): Promise<RenderBundle> {
  const stored = await ctx.state.read(SECRETS_FILE);
  if (stored !== undefined) {
    const text = stored.toString('utf8');
    registerKeyMaterial(ctx, text);
    return { text };
  }
  const version = parseTalosVersion(ctx.spec.spec.talos.version);
  if (!version) throw new CtoError({ severity: 'error', path: 'spec.talos.version', message: `invalid Talos version ${JSON.stringify(ctx.spec.spec.talos.version)}` });
  const text = await (await talosctlFor(ctx)).genSecrets(contractOf(version));
  registerKeyMaterial(ctx, text);
  return {
    text,
    throwaway: `no secrets bundle at ${ctx.state.path(SECRETS_FILE)} (not applied yet, or kept in a team backend: \`cto state pull\`): rendered with a throwaway bundle, so certificates differ from what apply will send`,
  };
}

/**
 * Every value of the bundle but its certificates (public, and printed as
 * Talos prints them): keys, tokens, the cluster id and secrets. Registered so
 * that the output's last pass (`ctx.secrets.redact`) removes any the
 * machine-config redaction missed.
 */
function keyMaterialOf(bundle: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (key !== 'crt' && v !== '') out.push(v);
    } else if (Array.isArray(v)) v.forEach((item) => visit(item, key));
    else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) visit(item, k);
  };
  for (const doc of parseAllDocuments(bundle)) visit(doc.toJS(), '');
  return out;
}

function registerKeyMaterial(ctx: StepContext, bundle: string): void {
  for (const value of keyMaterialOf(bundle)) ctx.secrets.add(value);
}
