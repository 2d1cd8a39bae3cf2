import { checkTalosctl } from '../../clients/talos/preflight.js';
import { Talosctl, talosctlBinary } from '../../clients/talos/talosctl.js';
import type { TalosVersion } from '../../clients/talos/version.js';
import { TALOSCONFIG_FILE } from '../../state/files.js';
import type { StepContext } from '../step-kind.js';

/**
 * A talosctl for this step: checked once per run against the spec's Talos
 * version (a missing or too-old binary fails the plan before any node is
 * touched), bound to the step's abort signal.
 */
export async function talosctlFor(ctx: StepContext): Promise<Talosctl> {
  const talosctl = new Talosctl({
    bin: talosctlBinary(ctx.env),
    talosconfig: ctx.state.path(TALOSCONFIG_FILE),
    redact: (text) => ctx.secrets.redact(text),
    signal: ctx.signal,
  });
  await checkedVersion(ctx, talosctl);
  return talosctl;
}

/** The talosctl version this run checked (see talosctlFor). */
export async function talosctlVersion(ctx: StepContext): Promise<TalosVersion> {
  return checkedVersion(ctx, await talosctlFor(ctx));
}

function checkedVersion(ctx: StepContext, talosctl: Talosctl): Promise<TalosVersion> {
  return ctx.cache.once(`talos:talosctl:${talosctl.options.bin}`, () => checkTalosctl(talosctl, ctx.spec.spec.talos.version));
}
