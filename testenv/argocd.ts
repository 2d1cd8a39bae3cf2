// The real Argo CD application controller and repo server (built by
// testenv/build.sh from the pinned Go module) as processes against a test
// control plane, with Debian's redis-server as their cache: what the install
// manifest runs in pods, minus the pods (kwok only pretends to run those).
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type V1EnvVar } from '@kubernetes/client-node';
import { copyFile, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import type { ChartRepos } from './chart-repos.js';
import { testenvBin } from './paths.js';
import { startProcess, stopProcess, type Managed } from './processes.js';
import { freePorts, probe, waitUntil } from './readiness.js';

/** The namespace cto installs Argo CD into; the controller serves Applications there. */
const NAMESPACE = 'argocd';

export interface ArgoCd {
  /** host:port of the repo server's gRPC endpoint (plaintext). */
  repoServer: string;
  /**
   * Settles once the application controller runs. Like its pod, it starts only
   * when the install manifest is applied: it reads `argocd-cm` and `argocd-secret`.
   */
  controllerStarted: Promise<void>;
  /** Log files, for a failing test to quote. */
  logs: { controller: string; repoServer: string; redis: string };
  stop(): Promise<void>;
}

export interface ArgoCdOptions {
  kubeconfigPath: string;
  /** Folder for logs, the repo server's clones and the sockets; must exist. */
  dir: string;
  /**
   * Seconds between the controller's refreshes of each Application, and how long the repo server
   * caches a branch's commit (upstream's default is 120 s, plus up to 60 s of jitter, off here).
   */
  resyncSeconds?: number;
  /** Chart repositories the repo server reaches through this proxy instead of the internet. */
  chartRepos?: ChartRepos;
  log?: (line: string) => void;
}

export async function startArgoCd(opts: ArgoCdOptions): Promise<ArgoCd> {
  const log = opts.log ?? (() => {});
  const [redisPort, repoPort, repoMetricsPort, controllerMetricsPort] = await freePorts(4);
  const home = join(opts.dir, 'home');
  const tmp = join(opts.dir, 'tmp');
  const tlsData = join(opts.dir, 'tls');
  await Promise.all([home, tmp, tlsData].map((d) => mkdir(d, { recursive: true })));
  // Trusted per host, as argocd-tls-certs-cm would mount it.
  for (const host of opts.chartRepos?.hosts ?? []) await copyFile(opts.chartRepos!.caCert, join(tlsData, host));
  const redisAddress = `127.0.0.1:${redisPort}`;
  const repoServer = `127.0.0.1:${repoPort}`;
  const started: Managed[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const m of started.splice(0).reverse()) await stopProcess(m);
  };

  // What the containers of the install manifest have, where a process here needs it elsewhere:
  // the askpass socket under /tmp would be shared by every test run on the machine.
  const env = {
    HOME: home,
    TMPDIR: tmp,
    // The repo server runs `argocd` (as argocd-git-ask-pass, for credentials) and `helm` from PATH.
    PATH: [...new Set([dirname(testenvBin('argocd')), dirname(testenvBin('helm'))])].join(':') + `:${process.env.PATH ?? ''}`,
    ARGOCD_ASK_PASS_SOCK: join(opts.dir, 'reposerver-ask-pass.sock'),
    ARGOCD_TLS_DATA_PATH: tlsData,
    ARGOCD_SSH_DATA_PATH: join(opts.dir, 'ssh'),
    ARGOCD_GNUPGHOME: join(opts.dir, 'gnupg'),
    // No GnuPG here: signature verification is not something cto configures.
    ARGOCD_GPG_ENABLED: 'false',
    // Both read it, as in the install manifest (argocd-cm timeout.reconciliation): the controller's
    // refresh period and how long the repo server keeps a branch's commit; a new commit shows within it.
    ARGOCD_RECONCILIATION_TIMEOUT: `${opts.resyncSeconds ?? 120}s`,
    ...(opts.chartRepos ? { HTTPS_PROXY: opts.chartRepos.proxyUrl, NO_PROXY: '127.0.0.1,localhost' } : {}),
  };

  try {
    const redis = startProcess(opts.dir, 'redis', 'redis-server', [
      '--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', opts.dir,
    ]);
    started.push(redis);
    await waitUntil(redis, 'ready', () => redisPing(redisPort!));

    const repo = startProcess(opts.dir, 'argocd-repo-server', testenvBin('argocd-repo-server'), [
      '--address', '127.0.0.1', '--port', String(repoPort),
      '--metrics-address', '127.0.0.1', '--metrics-port', String(repoMetricsPort),
      '--redis', redisAddress, '--disable-tls', '--client-ca-path=', '--logformat', 'text',
    ], env);
    started.push(repo);
    // `full`: the liveness probe's check, a gRPC health call to itself.
    await waitUntil(repo, 'healthy', async () => (await probe(`http://127.0.0.1:${repoMetricsPort}/healthz?full=true`)).status === 200);
    log(`[testenv] argocd-repo-server ready at ${repoServer}`);

    const controllerStarted = (async () => {
      const kc = new KubeConfig();
      kc.loadFromFile(opts.kubeconfigPath);
      await installed(kc, () => stopping);
      if (stopping) return;
      await createDefaultProject(kc);
      const settings = await controllerEnv(kc);
      const controller = startProcess(opts.dir, 'argocd-application-controller', testenvBin('argocd-application-controller'), [
        '--kubeconfig', opts.kubeconfigPath, '--namespace', NAMESPACE,
        '--repo-server', repoServer, '--repo-server-plaintext',
        '--redis', redisAddress,
        '--metrics-port', String(controllerMetricsPort),
        '--app-resync-jitter', '0',
        '--logformat', 'text',
      ], {
        ...settings,
        ...env,
        // The in-cluster destination (https://kubernetes.default.svc) is reached with this kubeconfig,
        // as upstream's local development setup does.
        ARGOCD_FAKE_IN_CLUSTER: 'true',
        KUBECONFIG: opts.kubeconfigPath,
      });
      started.push(controller);
      if (stopping) return stopProcess(controller);
      await waitUntil(controller, 'healthy', async () => (await probe(`http://127.0.0.1:${controllerMetricsPort}/healthz`)).status === 200);
      log('[testenv] argocd-application-controller running');
    })();
    // A test that never installs Argo CD never waits for it.
    controllerStarted.catch(() => undefined);

    return {
      repoServer,
      controllerStarted,
      logs: {
        controller: join(opts.dir, 'argocd-application-controller.log'),
        repoServer: repo.logPath,
        redis: redis.logPath,
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Until the install manifest's settings objects are there (or `stopped()`). */
async function installed(kc: KubeConfig, stopped: () => boolean): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const exists = (read: () => Promise<unknown>) => read().then(() => true, () => false);
  while (!stopped()) {
    const [cm, secret] = await Promise.all([
      exists(() => core.readNamespacedConfigMap({ name: 'argocd-cm', namespace: NAMESPACE })),
      exists(() => core.readNamespacedSecret({ name: 'argocd-secret', namespace: NAMESPACE })),
    ]);
    if (cm && secret) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The `default` AppProject is not in the install manifest: argocd-server creates it when it starts
 * (server/server.go, initializeDefaultProject), and no argocd-server runs here.
 */
async function createDefaultProject(kc: KubeConfig): Promise<void> {
  const body = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'default', namespace: NAMESPACE },
    spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
  };
  await kc
    .makeApiClient(CustomObjectsApi)
    .createNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: NAMESPACE, plural: 'appprojects', body })
    .catch((e: { code?: number }) => {
      if (e.code !== 409) throw e;
    });
}

/**
 * The environment the installed controller StatefulSet gives its container: the install manifest
 * maps `argocd-cmd-params-cm` keys (e.g. `controller.resource.health.persist`) to variables the
 * controller reads. Settings for in-cluster addresses (the repo server, redis) are overridden by
 * flags. Secret references are left out: the redis here has no password.
 */
async function controllerEnv(kc: KubeConfig): Promise<Record<string, string>> {
  const apps = kc.makeApiClient(AppsV1Api);
  const core = kc.makeApiClient(CoreV1Api);
  const sts = await apps.readNamespacedStatefulSet({ name: 'argocd-application-controller', namespace: NAMESPACE }).catch(() => undefined);
  const container = sts?.spec?.template.spec?.containers.find((c) => c.name === 'argocd-application-controller');
  const maps = new Map<string, Record<string, string>>();
  const configMap = async (name: string) => {
    if (!maps.has(name)) maps.set(name, (await core.readNamespacedConfigMap({ name, namespace: NAMESPACE }).catch(() => undefined))?.data ?? {});
    return maps.get(name)!;
  };
  const value = async (e: V1EnvVar) => {
    if (e.value !== undefined) return e.value;
    const ref = e.valueFrom?.configMapKeyRef;
    return ref?.name ? (await configMap(ref.name))[ref.key] : undefined;
  };
  const env: Record<string, string> = {};
  for (const e of container?.env ?? []) {
    const v = await value(e);
    if (v !== undefined) env[e.name] = v;
  }
  return env;
}

/** True when redis answers PING on `port`. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(1_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
