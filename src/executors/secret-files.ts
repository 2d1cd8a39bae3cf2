import { parseAllDocuments } from 'yaml';
import { CtoError } from '../diagnostics/error.js';
import { SECRETS_FILE } from '../state/files.js';
import type { StepContext } from './step-kind.js';

/**
 * Reads a state file that holds key material and registers every secret in
 * it with the run's SecretSet, so no error or log can carry them.
 */
export async function readSecretFile(ctx: StepContext, name: string): Promise<string | undefined> {
  const data = await ctx.state.read(name);
  if (data === undefined) return undefined;
  const text = data.toString('utf8');
  registerSecrets(ctx, text);
  return text;
}

/**
 * Every value under a key-material key (`crt`, `key`, `token`, `secret`,
 * `client-key-data`…) of a secrets bundle, talosconfig or kubeconfig.
 * Endpoints and names stay readable.
 */
export function registerSecrets(ctx: StepContext, yamlText: string): void {
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (SECRET_KEY.test(key)) ctx.secrets.add(v);
    } else if (Array.isArray(v)) v.forEach((item) => visit(item, key));
    else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) visit(item, k);
  };
  for (const doc of parseAllDocuments(yamlText)) visit(doc.toJS(), '');
}

const SECRET_KEY = /(crt|key|ca|token|secret|id|-data)$/i;

/** The secrets bundle, read and parsed once per run (a missing one is not remembered: apply may generate it). */
export function requireSecrets(ctx: StepContext, stepId: string): Promise<string> {
  return ctx.cache.once('talos:secrets-bundle', async () => {
    const secrets = await readSecretFile(ctx, SECRETS_FILE);
    if (secrets === undefined) {
      throw new CtoError({
        severity: 'error',
        stepId,
        message: `${stepId}: the Talos secrets bundle ${ctx.state.path(SECRETS_FILE)} does not exist`,
        hint: 'run `cto apply` so talos/secrets generates it first, or restore it from your backup',
      });
    }
    return secrets;
  });
}
