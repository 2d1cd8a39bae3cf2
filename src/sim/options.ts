/** A server that reached `on`, as handed to the code that emulates what it booted. */
export interface DeployedServer {
  id: string;
  hostname: string;
  ipv4: string;
  disks: string[];
  /** The decoded iPXE script (or URL) it booted, when the OS was `ipxe`. */
  ipxe: string | undefined;
}

export interface SimFaults {
  /** Share of API requests answered with a 5xx before doing anything. */
  errorRate?: number;
  /** Share of API requests answered with a 429 before doing anything. */
  rateLimitRate?: number;
  /** Added to API requests, in ms (real time, not scaled): to every one, or to a `rate` share of them (spikes). */
  latencyMs?: { min: number; max: number; rate?: number };
  /** Share of `POST /servers` that create the server and then drop the connection unanswered. */
  dropAfterCommitRate?: number;
  /** Share of deployments that end in `failed_deployment`. */
  failDeployRate?: number;
}

export interface SimOptions {
  port?: number;
  /** Required in `Authorization` (raw, or after `Bearer `). */
  apiKey?: string;
  seed?: number;
  /** Multiplies every simulated duration: 0.01 turns a 10-minute deploy into 6 s. */
  timeScale?: number;
  /** Simulated seconds from create (or reinstall) until the server has booted its OS (and, by default, reports `on`). */
  deploySeconds?: number;
  /**
   * iPXE servers only: simulated seconds the status stays `deploying` after the server has booted
   * (the deploy hook ran, so Talos already answers); `Infinity` keeps it there. Default 0.
   */
  ipxeStatusLagSeconds?: number;
  /** Projects that exist; default one named `cto-sim`. */
  projects?: { id?: string; name: string; slug?: string }[];
  /** Units per plan and site; a site not listed has none. Default: 10 of every plan everywhere. */
  stock?: Record<string, Record<string, number>>;
  /** Plan slugs the `ipxe` operating system installs on (its `provisionable_on`); default every plan. */
  ipxePlans?: string[];
  /** Raw plan resources served after the catalog's, as the API would send them (odd ones included). */
  extraPlans?: Record<string, unknown>[];
  /** Disks per plan slug, overriding the catalog (default `/dev/nvme0n1`, `/dev/nvme1n1`). */
  disks?: Record<string, string[]>;
  /** Per key and minute (a simulated minute); `false` turns limiting off. Default: the documented 60 GET / 20 writes. */
  rateLimits?: { get: number; write: number } | false;
  faults?: SimFaults;
  /** Second octet of the servers' loopback addresses (127.<block>.10.1 …); default 0. */
  addressBlock?: number;
  /** Called when a server reaches `on` (its status flips once the hook resolves). */
  onServerDeployed?: (server: DeployedServer) => Promise<void>;
  /** Called when a server is deleted or wiped for a reinstall. */
  onServerDeleted?: (server: { id: string; hostname: string; ipv4: string }) => Promise<void>;
}
