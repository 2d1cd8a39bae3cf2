import { checkTalosctl } from '../../clients/talos/preflight.js';
import { Talosctl, talosctlBinary } from '../../clients/talos/talosctl.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import type { StepContext } from '../step-kind.js';

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
