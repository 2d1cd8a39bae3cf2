import * as path from 'node:path';
import { RunContext } from '../../src/executors/context.js';
import type { StepContext } from '../../src/executors/step-kind.js';
import { SecretSet } from '../../src/spec/secrets.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';
import { EXAMPLE_TREE, loadExample, REPO_ROOT } from '../gitops-tree/example-specs.js';

const spec = loadExample(path.join(REPO_ROOT, EXAMPLE_TREE.spec));

/**
 * A step's context with its state folder in `<home>/state`; `apiKubeconfig` is what `kubernetes/api`
 * reports as the cluster's admin kubeconfig (undefined: it has not run).
 */
export function stepContext(home: string, env: Record<string, string | undefined>, apiKubeconfig?: string): StepContext {
  const state = new StateFolder(path.join(home, 'state'));
  const run = new RunContext({ spec, secrets: new SecretSet(), state, journal: new Journal(state), env });
  if (apiKubeconfig) run.outputs.set('kubernetes/api', { kubeconfigPath: apiKubeconfig, server: 'https://127.0.0.1' });
  return run.forStep({ signal: new AbortController().signal, progress: () => {} });
}
