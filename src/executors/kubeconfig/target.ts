import * as path from 'node:path';
import { CtoError } from '../../diagnostics/error.js';
import { envConfig } from '../../config/env.js';

/**
 * The file the cluster's context is merged into, as kubectl would pick it:
 * `spec.kubeconfig.path` when set (`~` expanded), else `$KUBECONFIG` when it
 * names exactly one file, else `~/.kube/config`. Pure: HOME and KUBECONFIG
 * come from `env`, so tests can point it anywhere.
 */
export function kubeconfigTarget(specPath: string | undefined, env: Record<string, string | undefined>): string {
  if (specPath) return expandHome(specPath, env, 'spec.kubeconfig.path');
  const listed = envConfig(env).kubeconfigFiles;
  if (listed.length > 1) {
    throw new CtoError({
      severity: 'error',
      path: 'spec.kubeconfig.path',
      message: `$KUBECONFIG names ${listed.length} files (${listed.join(path.delimiter)}); cto will not guess which one to merge the cluster into`,
      hint: 'set `spec.kubeconfig.path` to the file to merge into, or point KUBECONFIG at one file',
    });
  }
  if (listed.length === 1) return expandHome(listed[0]!, env, 'KUBECONFIG');
  return path.join(home(env, 'the default ~/.kube/config'), '.kube', 'config');
}

function expandHome(p: string, env: Record<string, string | undefined>, what: string): string {
  if (p === '~') return home(env, what);
  if (p.startsWith('~/')) return path.join(home(env, what), p.slice(2));
  return path.resolve(p);
}

function home(env: Record<string, string | undefined>, what: string): string {
  const dir = envConfig(env).home;
  if (!dir) {
    throw new CtoError({
      severity: 'error',
      path: 'spec.kubeconfig.path',
      message: `HOME is not set, so ${what} has no home folder to expand`,
      hint: 'set `spec.kubeconfig.path` to an absolute path',
    });
  }
  return dir;
}
