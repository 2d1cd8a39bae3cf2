import type { SecretSet } from '../spec/secrets.js';
import type { Cluster } from '../spec/types.gen.js';
import type { StateFolder } from '../state/folder.js';
import type { Journal } from '../state/journal.js';
import { createReadCache } from './cache.js';
import type { StepOutputs } from './outputs.js';
import type { StepContext } from './step-kind.js';

export interface RunServices {
  spec: Cluster;
  secrets: SecretSet;
  state: StateFolder;
  journal: Journal;
  env: Record<string, string | undefined>;
}

/**
 * What every step of one run shares: the read cache and the outputs of finished steps.
 * `forStep` gives a step its own signal and progress line.
 */
export class RunContext {
  readonly cache = createReadCache();
  readonly outputs = new Map<string, unknown>();

  constructor(readonly services: RunServices) {}

  forStep(io: { signal: AbortSignal; progress(message: string): void; release?(): void }): StepContext {
    return {
      ...this.services,
      cache: this.cache,
      signal: io.signal,
      progress: (m) => io.progress(m),
      releaseLimits: () => io.release?.(),
      outputOf: <A extends keyof StepOutputs & string>(id: A) => this.outputs.get(id) as StepOutputs[A] | undefined,
    };
  }
}
