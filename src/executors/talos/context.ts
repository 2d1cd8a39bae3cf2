import { parseAllDocuments } from 'yaml';
import { checkTalosctl } from '../../clients/talos/preflight.js';
import { Talosctl, talosctlBinary } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';
import { clusterNodes } from '../../planner/nodes.js';
import type { ServerOutput } from '../latitude/reads.js';
import type { StepContext } from '../step-kind.js';

/** State file names (relative to the state folder). */
export const SECRETS_FILE = 'talos/secrets.yaml';
export const TALOSCONFIG_FILE = 'talos/talosconfig';
export const KUBECONFIG_FILE = 'kubeconfig';

/**
 * A talosctl for this step: checked once per run against the spec's Talos
 * version (a missing or too-old binary fails the plan before any node is
 * touched), bound to the step's abort signal.
 */
export async function talosctlFor(ctx: StepContext): Promise<Talosctl> {
  const bin = talosctlBinary(ctx.env);
  const talosctl = new Talosctl({
    bin,
    talosconfig: ctx.state.path(TALOSCONFIG_FILE),
    redact: (text) => ctx.secrets.redact(text),
    signal: ctx.signal,
  });
  await ctx.cache.once(`talos:talosctl:${bin}`, () => checkTalosctl(talosctl, ctx.spec.spec.talos.version));
  return talosctl;
}

/** The IPv4 address of a node's server, once `server/<node>` exists. */
export function serverAddress(ctx: StepContext, node: string): string | undefined {
  return ctx.outputOf<ServerOutput>(`server/${node}`)?.ipv4 || undefined;
}

export function clusterEndpoint(ip: string): string {
  return `https://${ip}:6443`;
}

/** IPv4 addresses of the control planes whose servers exist, in node order. */
export function controlPlaneAddresses(ctx: StepContext): { node: string; ip: string }[] {
  return clusterNodes(ctx.spec)
    .filter((n) => n.role === 'controlplane')
    .flatMap((n) => {
      const ip = serverAddress(ctx, n.name);
      return ip ? [{ node: n.name, ip }] : [];
    });
}

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

export async function requireSecrets(ctx: StepContext, stepId: string): Promise<string> {
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
}
