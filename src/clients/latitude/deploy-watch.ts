import { CtoError } from '../../diagnostics/error.js';
import { systemClock } from '../../time/clock.js';
import type { Server } from './wire.js';

export interface WaitOptions {
  timeoutMs: number;
  /** After a reinstall the first reads can still show the old terminal status: ignore it until the status has moved. */
  staleStatus?: string;
  /** Step the wait belongs to, for diagnostics. */
  stepId?: string;
  /** Stops this wait only; other waiters keep going. */
  signal?: AbortSignal;
  /** Every tick, with the server as listed. */
  onStatus?(status: string, elapsedMs: number, server: Server): void;
}

/** Statuses that end a deployment badly; any status not known here counts as "still in progress". */
const FAILED = new Set(['failed_deployment', 'failed_disk_erasing', 'failed']);

export const isFailedStatus = (status: string): boolean => FAILED.has(status);

interface Waiter {
  id: string;
  opts: WaitOptions;
  start: number;
  moved: boolean;
  resolve(server: Server): void;
  reject(err: unknown): void;
}

/**
 * Waits for many servers with one list call per tick, whatever their number: per-server
 * polling of a 10-node cluster alone would exhaust the documented 60 GET a minute.
 * Ticks start at a second and stretch to `maxIntervalMs` as the youngest wait ages: an
 * instant-deploy server is `on` within ~20 s, a regular deployment takes ~10 minutes.
 */
export class DeployWatch {
  readonly #waiters = new Set<Waiter>();
  #running = false;

  constructor(
    private readonly list: () => Promise<Server[]>,
    private readonly maxIntervalMs: number,
  ) {}

  #nextDelay(): number {
    const min = Math.min(1000, this.maxIntervalMs);
    const youngest = Math.min(...[...this.#waiters].map((w) => Date.now() - w.start));
    return Math.max(min, Math.min(this.maxIntervalMs, youngest / 10));
  }

  waitFor(id: string, opts: WaitOptions): Promise<Server> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      const waiter: Waiter = { id, opts, start: Date.now(), moved: opts.staleStatus === undefined, resolve, reject };
      opts.signal?.addEventListener(
        'abort',
        () => {
          this.#waiters.delete(waiter);
          reject(opts.signal!.reason);
        },
        { once: true },
      );
      this.#waiters.add(waiter);
      if (!this.#running) void this.#loop();
    });
  }

  async #loop(): Promise<void> {
    this.#running = true;
    try {
      while (this.#waiters.size > 0) {
        let servers: Server[];
        try {
          await systemClock.sleep(this.#nextDelay());
          servers = await this.list();
        } catch (err) {
          for (const w of this.#waiters) w.reject(err);
          this.#waiters.clear();
          return;
        }
        const byId = new Map(servers.map((s) => [s.id, s]));
        for (const w of [...this.#waiters]) {
          const outcome = evaluate(w, byId.get(w.id));
          if (outcome === 'pending') continue;
          this.#waiters.delete(w);
          if (outcome instanceof Error) w.reject(outcome);
          else w.resolve(outcome);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

function evaluate(w: Waiter, server: Server | undefined): Server | Error | 'pending' {
  const elapsed = Date.now() - w.start;
  const where = w.opts.stepId ? { stepId: w.opts.stepId } : {};
  if (!server) {
    return new CtoError({
      severity: 'error',
      ...where,
      message: `server ${w.id} disappeared from Latitude while it was deploying`,
      hint: 'someone deleted it outside cto; run `cto apply` again to create it anew',
    });
  }
  const status = server.attributes.status;
  if (status !== w.opts.staleStatus) w.moved = true;
  w.opts.onStatus?.(status, elapsed, server);
  if (w.moved && status === 'on') return server;
  if (w.moved && FAILED.has(status)) {
    return new CtoError({
      severity: 'error',
      ...where,
      message: `server ${server.attributes.hostname} (${server.id}) ended in status ${status}`,
      hint: 'Latitude could not deploy it (hardware, stock or iPXE boot problem). Check the server in the Latitude dashboard; reinstalling it (`lsh servers reinstall`) or deleting it and running `cto apply` again usually helps, or contact Latitude support',
    });
  }
  if (elapsed >= w.opts.timeoutMs) {
    return new CtoError({
      severity: 'error',
      ...where,
      message: `server ${server.attributes.hostname} (${server.id}) is still ${status} after ${Math.round(elapsed / 60_000)} min`,
      hint: 'deployments usually take about 10 minutes, failed ones about 30; run `cto apply` again to keep waiting, or check the server in the Latitude dashboard',
    });
  }
  return 'pending';
}
