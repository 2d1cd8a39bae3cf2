import { CtoError } from '../../diagnostics/error.js';
import type { Talosctl } from './talosctl.js';
import { clientTagFromVersionOutput, contractOf, parseTalosVersion, talosctlCovers, type TalosVersion } from './version.js';

/**
 * Fails at plan time, before any node is touched, when talosctl is missing or
 * older than the Talos minor the spec installs: an old talosctl renders an
 * older config contract and may not know the node's API.
 */
export async function checkTalosctl(talosctl: Talosctl, wanted: string): Promise<TalosVersion> {
  const want = parseTalosVersion(wanted);
  if (!want) throw new CtoError({ severity: 'error', message: `invalid Talos version ${JSON.stringify(wanted)}`, path: 'spec.talos.version' });
  const tag = clientTagFromVersionOutput(await talosctl.clientVersion());
  const have = tag === undefined ? undefined : parseTalosVersion(tag);
  const fix = `install talosctl ${contractOf(want)}.x or newer (put it on PATH or set CTO_TALOSCTL); for the test environment run \`npm run testenv:build\``;
  if (!have) {
    throw new CtoError({
      severity: 'error',
      message: `cannot tell the version of ${talosctl.options.bin} (\`talosctl version --client\` printed Tag ${tag ?? 'nothing'})`,
      hint: fix,
    });
  }
  if (!talosctlCovers(have, want)) {
    throw new CtoError({
      severity: 'error',
      message: `talosctl ${tag} is too old for Talos ${wanted} (${talosctl.options.bin})`,
      path: 'spec.talos.version',
      hint: fix,
    });
  }
  return have;
}
