import { TalosError } from './errors.js';

/** One machined service as `talosctl service` lists it. */
export interface TalosService {
  id: string;
  /** ServiceRunner's state: `Waiting`, `Preparing`, `Running`, `Finished`, `Failed`… */
  state: string;
  /** `OK`, `Fail`, or `?` while no health check has run (a service that is not running). */
  health: string;
}

/**
 * `talosctl service` prints a tabwriter table `NODE SERVICE STATE HEALTH LAST CHANGE LAST EVENT`
 * (talosctl/cmd/talos/service.go serviceList); the first four cells never hold spaces.
 */
export function parseServiceList(stdout: string): TalosService[] {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header === undefined) return [];
  if (!/^NODE\s+SERVICE\s+STATE\s+HEALTH\s+LAST CHANGE\s+LAST EVENT\s*$/.test(header)) {
    throw new TalosError('Unknown', `talosctl service printed an unexpected header: ${header}`, false);
  }
  return lines.map((line) => {
    const [, id, state, health] = line.trim().split(/\s+/);
    if (!id || !state || !health) throw new TalosError('Unknown', `talosctl service printed an unexpected row: ${line}`, false);
    return { id, state, health };
  });
}

/** Up as machined's boot sequence counts it (ServiceRunner StateEventUp): finished, or running and healthy. */
export function isUp(service: TalosService | undefined): boolean {
  return service?.state === 'Finished' || (service?.state === 'Running' && service.health === 'OK');
}
