import type { Change } from '../planner/change.js';
import type { Step } from '../planner/step.js';
import type { Cluster } from '../spec/types.gen.js';
import type { SecretSet } from '../spec/secrets.js';
import type { StateFolder } from '../state/folder.js';
import type { Journal } from '../state/journal.js';
import type { StepOutputs } from './outputs.js';
import type { RetryPolicy } from './walk/retry.js';
import type { Observation } from '../state/observations.js';

/** Shares one read (or one client) between every step of a plan or an apply: `cache.once('latitude:servers', …)`. */
export interface ReadCache {
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Forget a read after a write made it stale (e.g. after creating a server). */
  invalidate(keyPrefix: string): void;
}

export interface StepContext {
  /** The validated spec with defaults applied and `${env:…}` resolved. */
  spec: Cluster;
  /** Every secret value known to this run; renderers and logs redact them. */
  secrets: SecretSet;
  state: StateFolder;
  journal: Journal;
  cache: ReadCache;
  signal: AbortSignal;
  /** Environment the clients read (API keys, endpoints); tests pass their own. */
  env: Record<string, string | undefined>;
  /** The running step's state in a few words ("deploying"); progress views add the time elapsed. */
  progress(message: string): void;
  /**
   * Gives back this step's parallelism and concurrency-key slots while it keeps running: a server
   * that only waits for its deployment should not hold a Latitude write slot for ten minutes.
   */
  releaseLimits(): void;
  /** The value observed or produced by a dependency of this step; undefined until it exists. */
  outputOf<A extends keyof StepOutputs & string>(stepId: A): StepOutputs[A] | undefined;
}

export interface StepLimits<D = unknown> {
  /** Steps sharing a key run at most `concurrency[key]` at a time (e.g. one Talos call per node). */
  concurrencyKey?(step: Step<D>): string | undefined;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/**
 * Every kind of step implements this. `observe` and `apply` do I/O through clients;
 * `diff` is pure. `apply` must be idempotent: safe to run again after a crash.
 */
export interface StepKind<D = unknown, O = unknown> {
  kind: string;
  observe(step: Step<D>, ctx: StepContext): Promise<Observation<O>>;
  diff(step: Step<D>, observed: Observation<O>, ctx: StepContext): Change;
  apply(step: Step<D>, change: Change, ctx: StepContext): Promise<O>;
  limits?: StepLimits<D>;
  /** Errors worth retrying (timeouts, 5xx, 429, Talos `Unavailable`); others fail the step at once. */
  retryable?(err: unknown): boolean;
}
