import * as os from 'node:os';
import { delimiter } from 'node:path';

export type Env = Record<string, string | undefined>;

/**
 * Every setting cto takes from the environment, read here and nowhere else; README "Environment"
 * lists them. A flag wins over its variable where both exist. Callers pass the environment they
 * were given (tests pass their own), so nothing here reads `process.env` behind their back.
 * `${env:NAME}` in a spec is the spec's own business (src/spec/interpolate.ts), not configuration.
 */
export interface EnvConfig {
  /** `CTO_STATE_BACKEND`: `local` or `kubernetes`, as `--state-backend`. */
  stateBackend?: string;
  /** `CTO_STATE_KUBECONFIG`: the cluster holding team state, as `--state-kubeconfig`. */
  stateKubeconfig?: string;
  /** `CTO_STATE_NAMESPACE`: its namespace, as `--state-namespace`. */
  stateNamespace?: string;
  /** `CTO_STATE_KEY`: the key the kubernetes state backend encrypts with (32 bytes, hex or base64). */
  stateKey?: string;
  /** `CTO_TALOSCTL`: the talosctl binary, else `talosctl` on PATH. */
  talosctl: string;
  /** `CTO_HELM`: the helm binary, else `helm` on PATH. */
  helm: string;
  /** `KUBECONFIG`: the files kubectl would read, in order. */
  kubeconfigFiles: string[];
  /** `HOME`, for `~` and the default `~/.kube/config`. */
  home?: string;
  /** `NO_COLOR` set: no colours, whatever the terminal. */
  noColor: boolean;
  /** `CTO_DEBUG` set: an internal error prints its stack. */
  debug: boolean;
  /** `CTO_LATITUDE_RATES`: `<GET>/<writes>[/<seconds>]`, a Latitude budget above the documented one. */
  latitudeRates?: string;
  /** `CTO_MAYASTOR_API`: Mayastor's REST API base URL (a port-forward), else its service through the Kubernetes API. */
  mayastorApi?: string;
}

export function envConfig(env: Env): EnvConfig {
  const set = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));
  return {
    ...set('stateBackend', env.CTO_STATE_BACKEND),
    ...set('stateKubeconfig', env.CTO_STATE_KUBECONFIG),
    ...set('stateNamespace', env.CTO_STATE_NAMESPACE),
    ...set('stateKey', env.CTO_STATE_KEY?.trim()),
    talosctl: env.CTO_TALOSCTL || 'talosctl',
    helm: env.CTO_HELM || 'helm',
    kubeconfigFiles: (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== ''),
    ...set('home', env.HOME || undefined),
    noColor: Boolean(env.NO_COLOR),
    debug: Boolean(env.CTO_DEBUG),
    ...set('latitudeRates', env.CTO_LATITUDE_RATES || undefined),
    ...set('mayastorApi', env.CTO_MAYASTOR_API || undefined),
  };
}

/** The local user, for lock holders and push records. */
export function userName(env: Env = process.env): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}
