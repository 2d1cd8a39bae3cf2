import type { WaitOptions } from '../../clients/latitude/deploy-watch.js';
import type { Server } from '../../clients/latitude/wire.js';

/**
 * What the Talos API at a server's address said: `maintenance` (booted from iPXE, waiting for a
 * config), `configured` (answers our talosconfig), `none` (no usable answer: not up yet,
 * rebooting, or another system), `unknown` (could not ask: no talosctl).
 */
export type TalosAnswer = 'maintenance' | 'configured' | 'none' | 'unknown';

export type TalosProbe = (ip: string, signal: AbortSignal) => Promise<TalosAnswer>;

export interface ReadyOptions extends Pick<WaitOptions, 'timeoutMs' | 'staleStatus' | 'stepId'> {
  signal: AbortSignal;
  /**
   * After a reinstall the old system may still answer until the server reboots: only a
   * maintenance answer after one that was not counts, never a `configured` one.
   */
  reinstalled: boolean;
  probe: TalosProbe;
  onStatus(status: string, elapsedMs: number): void;
}

export interface Ready {
  server: Server;
  /** `status`: Latitude said `on`; otherwise what the Talos API answered first. */
  via: 'status' | 'maintenance' | 'configured';
}

/**
 * A server is ready for the Talos stage when Latitude reports `on` or its Talos API answers,
 * whichever comes first: with iPXE the status can stay `deploying` or `disk_erasing` while the
 * server already runs Talos. The Talos API is asked once per tick of the shared deploy watch,
 * at the address the list gives, while the status is not `on`; a failed status or the deploy
 * timeout still end the wait as before.
 */
export async function waitUntilReady(
  watch: (id: string, opts: WaitOptions) => Promise<Server>,
  id: string,
  o: ReadyOptions,
): Promise<Ready> {
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  let probing = false;
  let wentAway = !o.reinstalled;
  let answered: (ready: Ready) => void = () => undefined;
  const byTalos = new Promise<Ready>((resolve) => (answered = resolve));

  const ask = (server: Server): void => {
    const ip = server.attributes.primary_ipv4;
    if (probing || !ip || server.attributes.status === 'on' || signal.aborted) return;
    probing = true;
    o.probe(ip, signal).then(
      (answer) => {
        probing = false;
        if (answer === 'maintenance' && wentAway) answered({ server, via: answer });
        else if (answer === 'configured' && !o.reinstalled) answered({ server, via: answer });
        else if (answer !== 'maintenance' && answer !== 'unknown') wentAway = true;
      },
      () => (probing = false),
    );
  };

  const byStatus = watch(id, {
    timeoutMs: o.timeoutMs,
    signal,
    ...(o.stepId ? { stepId: o.stepId } : {}),
    ...(o.staleStatus ? { staleStatus: o.staleStatus } : {}),
    onStatus: (status, ms, server) => {
      o.onStatus(status, ms);
      ask(server);
    },
  }).then((server): Ready => ({ server, via: 'status' }));
  try {
    return await Promise.race([byStatus, byTalos]);
  } finally {
    stop.abort();
    byStatus.catch(() => undefined);
  }
}
