import { TalosError } from '../../clients/talos/errors.js';
import type { TalosResource } from '../../clients/talos/resources.js';
import type { Talosctl } from '../../clients/talos/talosctl.js';
import { CtoError } from '../../diagnostics/error.js';

/** What a node's Talos API says about it. */
export type NodeState =
  | { mode: 'maintenance' }
  | { mode: 'configured'; stage: string; ready: boolean }
  | { mode: 'unreachable'; reason: string };

/**
 * Maintenance or configured (talos-stack §1.3): an `--insecure` read works
 * only in maintenance mode; a configured node wants our client certificate.
 */
export async function probeNode(talosctl: Talosctl, ip: string, stepId: string, hasTalosconfig = true): Promise<NodeState> {
  let insecureError: TalosError;
  try {
    const status = await talosctl.machineStatus(ip, { insecure: true });
    const { stage, ready } = stageOf(status);
    return stage === 'maintenance' ? { mode: 'maintenance' } : { mode: 'configured', stage, ready };
  } catch (err) {
    if (!(err instanceof TalosError)) throw err;
    insecureError = err;
  }
  // A configured node refuses the insecure client during the TLS handshake, which talosctl reports
  // in several ways (certificate required, connection reset, broken pipe): ask with our certificate.
  if (!hasTalosconfig) return { mode: 'unreachable', reason: insecureError.message };
  const state = await authenticated(talosctl, ip);
  const silent = SILENT.test(insecureError.message);
  if (state.mode === 'foreign') {
    // Conclusive only if the node was up for the insecure call (and refused it); after a refused
    // connection it may simply have come back in maintenance mode (self-signed certificate) since.
    if (silent) return { mode: 'unreachable', reason: insecureError.message };
    throw foreignTalosconfig(stepId, ip);
  }
  return state.mode === 'unreachable' && silent ? { mode: 'unreachable', reason: insecureError.message } : state;
}

/**
 * Nobody answered: down, booting, rebooting. A reset or broken pipe is different: the node is up
 * and its TLS handshake turned the insecure client away, which only a configured node does.
 */
const SILENT = /connection refused|i\/o timeout|no route to host|deadline exceeded|did not answer/;

/** The authenticated view; a node that rejects our CA is `foreign`, for the caller to judge. */
async function authenticated(talosctl: Talosctl, ip: string): Promise<NodeState | { mode: 'foreign' }> {
  try {
    const { stage, ready } = stageOf(await talosctl.machineStatus(ip, { insecure: false }));
    return { mode: 'configured', stage, ready };
  } catch (err) {
    if (!(err instanceof TalosError)) throw err;
    if (err.tls === 'unknown-authority') return { mode: 'foreign' };
    if (err.retryable) return { mode: 'unreachable', reason: err.message };
    throw err;
  }
}

export function stageOf(status: TalosResource): { stage: string; ready: boolean } {
  const spec = (status.spec ?? {}) as { stage?: unknown; status?: { ready?: unknown } };
  return { stage: String(spec.stage ?? 'unknown'), ready: spec.status?.ready === true };
}

/**
 * The node is configured but does not trust our talosconfig: it was
 * installed from another secrets bundle. Regenerating ours would not help
 * (and would orphan every other node), so stop.
 */
export function foreignTalosconfig(stepId: string, ip: string): CtoError {
  return new CtoError({
    severity: 'error',
    stepId,
    message: `${stepId}: the node at ${ip} rejects the cluster's talosconfig (x509: certificate signed by unknown authority): it was configured with different Talos secrets than talos/secrets.yaml`,
    hint: 'restore the talos/secrets.yaml and talos/talosconfig this node was installed with; cto never regenerates secrets. If the node belongs to another cluster, check the server and spec names.',
  });
}
