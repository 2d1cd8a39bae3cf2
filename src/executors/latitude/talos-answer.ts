import { TalosError } from '../../clients/talos/errors.js';
import { Talosctl, talosctlBinary } from '../../clients/talos/talosctl.js';
import type { StepContext } from '../step-kind.js';
import type { TalosAnswer, TalosProbe } from './readiness.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';

/** A look, not a wait: a server that is not up yet must not hold a deploy-watch tick for a minute. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * Asks the Talos API at a server's address whether it runs Talos yet, with the real talosctl:
 * an `--insecure` read answers only in maintenance mode (talos-stack §1.3); a configured node
 * answers only to the cluster's talosconfig. No talosctl at all is `unknown`: the wait then
 * relies on the Latitude status alone, and the Talos stage reports the missing binary.
 */
export function talosProbe(ctx: Pick<StepContext, 'env' | 'state' | 'secrets'>): TalosProbe {
  return async (ip, signal) => {
    const talosctl = new Talosctl({
      bin: talosctlBinary(ctx.env),
      talosconfig: ctx.state.path(TALOSCONFIG_FILE),
      redact: (text) => ctx.secrets.redact(text),
      signal,
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    const asked = async (insecure: boolean): Promise<TalosAnswer> => {
      try {
        const status = await talosctl.machineStatus(ip, { insecure });
        const stage = (status.spec as { stage?: unknown } | undefined)?.stage;
        return insecure && stage === 'maintenance' ? 'maintenance' : 'configured';
      } catch (err) {
        return err instanceof TalosError ? 'none' : 'unknown';
      }
    };
    const insecure = await asked(true);
    if (insecure !== 'none' || !(await ctx.state.exists(TALOSCONFIG_FILE))) return insecure;
    return asked(false);
  };
}
