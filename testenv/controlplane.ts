// A real, local Kubernetes control plane for tests and the demo: etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler and kwok (standing
// in for kubelets) on free loopback ports, all in one folder.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePki, type Pki } from './certs.js';
import { writeAdminKubeconfig } from './kubeconfig.js';
import { createSimulatedNode, kwokAnnotation, type SimulatedNode } from './nodes.js';
import { testenvBin } from './paths.js';
import { startProcess, stopProcess, type Managed } from './processes.js';
import { freePorts, probe, waitUntil } from './readiness.js';

export { testenvBin } from './paths.js';

export interface ControlPlane {
  dir: string;
  kubeconfigPath: string;
  server: string;
  createNode(n: SimulatedNode): Promise<void>;
  /**
   * Fault: stops kube-apiserver (SIGTERM), keeps it down `downMs`, starts it again on the same port
   * and data, and resolves once it is ready. Clients see refused connections meanwhile.
   */
  restartApiServer(opts?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface ControlPlaneOptions {
  /** Folder for certs, data and logs; kept after stop(). Default: a fresh temp folder, removed by stop(). */
  dir?: string;
  /** Progress lines, e.g. console.log. */
  log?: (line: string) => void;
}

// etcd fsyncs every write; on tmpfs that costs nothing, which matters for a
// control plane that is created and thrown away per test run.
function scratchBase(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

export async function startControlPlane(opts: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = opts.log ?? (() => {});
  const bins = {
    etcd: testenvBin('etcd'),
    apiserver: testenvBin('kube-apiserver'),
    controllerManager: testenvBin('kube-controller-manager'),
    scheduler: testenvBin('kube-scheduler'),
    kwok: testenvBin('kwok'),
    kwokStages: testenvBin('kwok-stages.yaml'),
  };
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(scratchBase(), 'cto-testenv-')));
  await mkdir(dir, { recursive: true });
  const started: Managed[] = [];
  // etcd (started first) goes last, so the others can shut down cleanly.
  const stopAll = async () => {
    const [first, ...rest] = started.splice(0);
    await Promise.all(rest.map((m) => stopProcess(m)));
    if (first !== undefined) await stopProcess(first);
  };
  const t0 = Date.now();
  const step = (what: string) => log(`[testenv] ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  try {
    const [pki, [etcdPort, peerPort, apiPort, kcmPort, schedPort, kwokPort]] = await Promise.all([
      generatePki(dir),
      freePorts(6),
    ]);
    const server = `https://127.0.0.1:${apiPort}`;
    const kubeconfigPath = join(dir, 'admin.kubeconfig');
    await writeAdminKubeconfig(kubeconfigPath, server, pki);
    const tls = { ca: await readFile(pki.caCert), cert: await readFile(pki.adminCert), key: await readFile(pki.adminKey) };
    const healthy = (url: string) => async () => (await probe(url, tls)).status === 200;

    const etcd = startProcess(dir, 'etcd', bins.etcd, etcdArgs(dir, etcdPort!, peerPort!));
    started.push(etcd);
    await waitUntil(etcd, 'healthy', async () => (await probe(`http://127.0.0.1:${etcdPort}/health`)).body.includes('true'));
    step('etcd healthy');

    const startApiServer = async () => {
      const apiserver = startProcess(dir, 'kube-apiserver', bins.apiserver, apiserverArgs(dir, pki, etcdPort!, apiPort!));
      started.push(apiserver);
      await waitUntil(apiserver, 'ready', healthy(`${server}/readyz`));
      return apiserver;
    };
    let apiserver = await startApiServer();
    step('kube-apiserver ready');

    const controllerManager = startProcess(
      dir,
      'kube-controller-manager',
      bins.controllerManager,
      controllerManagerArgs(pki, kubeconfigPath, kcmPort!),
    );
    const scheduler = startProcess(dir, 'kube-scheduler', bins.scheduler, schedulerArgs(pki, kubeconfigPath, schedPort!));
    const kwok = startProcess(dir, 'kwok', bins.kwok, [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${bins.kwokStages}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=${Object.entries(kwokAnnotation).map(([k, v]) => `${k}=${v}`).join(',')}`,
      `--server-address=127.0.0.1:${kwokPort}`,
    ]);
    started.push(controllerManager, scheduler, kwok);

    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    await Promise.all([
      waitUntil(controllerManager, 'healthy', healthy(`https://127.0.0.1:${kcmPort}/healthz`)),
      waitUntil(scheduler, 'healthy', healthy(`https://127.0.0.1:${schedPort}/healthz`)),
      waitUntil(kwok, 'healthy', healthy(`http://127.0.0.1:${kwokPort}/healthz`)),
      // Pods are refused until their namespace's default ServiceAccount
      // exists, so this is when workloads can really start.
      waitUntil(controllerManager, 'creating service accounts', async () =>
        core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }).then(
          () => true,
          () => false,
        ),
      ),
    ]);
    step('controllers, scheduler and kwok ready');

    let stopped = false;
    return {
      dir,
      kubeconfigPath,
      server,
      createNode: (n) => createSimulatedNode(kc, n),
      async restartApiServer(o = {}) {
        started.splice(started.indexOf(apiserver), 1);
        await stopProcess(apiserver);
        await new Promise((r) => setTimeout(r, o.downMs ?? 0));
        apiserver = await startApiServer();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
        if (ownsDir) await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    // Keep the folder: its logs explain the failure, and the error names it.
    throw err;
  }
}

function etcdArgs(dir: string, port: number, peerPort: number): string[] {
  const client = `http://127.0.0.1:${port}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  return [
    '--name=testenv',
    `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=testenv=${peer}`,
    '--log-level=warn',
  ];
}

function apiserverArgs(dir: string, pki: Pki, etcdPort: number, port: number): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${join(dir, 'apiserver-certs')}`,
    `--tls-cert-file=${pki.serverCert}`,
    `--tls-private-key-file=${pki.serverKey}`,
    `--client-ca-file=${pki.caCert}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    // The default/kubernetes Endpoints may not hold a loopback address, so the
    // lease reconciler would only log a failure every few seconds.
    '--endpoint-reconciler-type=none',
    '--authorization-mode=RBAC',
    // Privileged pods must reach Pod Security admission, which is what tests
    // exercise, rather than be refused outright by this older switch.
    '--allow-privileged=true',
  ];
}

function componentServing(pki: Pki, kubeconfigPath: string, port: number): string[] {
  return [
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--tls-cert-file=${pki.serverCert}`,
    `--tls-private-key-file=${pki.serverKey}`,
    '--leader-elect=false',
  ];
}

function controllerManagerArgs(pki: Pki, kubeconfigPath: string, port: number): string[] {
  return [
    ...componentServing(pki, kubeconfigPath, port),
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    `--root-ca-file=${pki.caCert}`,
    `--cluster-signing-cert-file=${pki.caCert}`,
    `--cluster-signing-key-file=${pki.caKey}`,
    // kwok's heartbeat stage runs every 20-45 s, close to the default grace
    // period; a slow test machine must not see Nodes flap NotReady.
    '--node-monitor-grace-period=5m',
  ];
}

function schedulerArgs(pki: Pki, kubeconfigPath: string, port: number): string[] {
  return componentServing(pki, kubeconfigPath, port);
}
