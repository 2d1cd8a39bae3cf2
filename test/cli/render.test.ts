import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { testenvBin } from '../../testenv/paths.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { repoRoot, runCto, TEST_ENV, type CliResult } from '../support/cli.js';
import { keyMaterial, scanForSecrets } from '../support/secret-scan.js';

const run = promisify(execFile);
const CP0_ADDRESS = '203.0.113.10';

let dir: string;
let spec: string;
let env: Record<string, string>;
/** Where the talosctl wrapper copies every bundle `gen secrets` writes: the throwaway bundle render generates. */
let captured: string;

/**
 * The HA example (three control planes, a private GitOps repository) with three storage workers and
 * without its private network and VIP, so the endpoint is cp-0's public address, which render may not
 * know; the platform sources point at the upstream releases the test environment holds, so nothing is
 * downloaded.
 */
function writeSpec(file: string): void {
  const text = readFileSync(join(repoRoot, 'examples/ha.yaml'), 'utf8')
    .replace(/workers: \{ count: 2,/, 'workers: { count: 3,')
    .replace(/^  network:\n(?:    .*\n)+^  access:\n(?:    .*\n)+/m, '')
    .replace(
    /^  gitops:/m,
    [
      '  platform:',
      `    cilium: { chart: ${upstreamFile('cilium', 'cilium')} }`,
      `    localPathProvisioner: { manifest: ${upstreamFile('local-path', 'local-path-storage.yaml')} }`,
      `    argocd: { manifest: ${upstreamFile('argocd', 'install.yaml')} }`,
      '  gitops:',
    ].join('\n'),
  );
  writeFileSync(file, text);
}

/** The printed documents of each node, keyed by node name, from the `# cto render: node …` headers. */
function nodeConfigs(stdout: string): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const doc of stdout.split(/^---\n/m)) {
    const node = /^# cto render: node (\S+) /.exec(doc)?.[1];
    if (node) out.set(node, [...(out.get(node) ?? []), doc]);
  }
  return new Map([...out].map(([n, docs]) => [n, docs.join('---\n')]));
}

function headers(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('# cto render:'));
}

async function validate(config: string, name: string): Promise<void> {
  const file = join(dir, `validate-${name}.yaml`);
  writeFileSync(file, config);
  const { stdout } = await run(testenvBin('talosctl'), ['validate', '--config', file, '--mode', 'metal', '--strict']);
  expect(stdout).toContain('is valid for metal mode');
}

const render = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> => runCto(['render', '-f', spec, ...args], { env: { ...env, ...extra }, cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cto-render-'));
  spec = join(dir, 'cluster.yaml');
  writeSpec(spec);
  captured = join(dir, 'captured-bundles');
  mkdirSync(captured);
  const wrapper = join(dir, 'talosctl');
  writeFileSync(
    wrapper,
    `#!/bin/sh\n"${testenvBin('talosctl')}" "$@" || exit $?\nif [ "$1" = gen ] && [ "$2" = secrets ]; then cp "$4" "${captured}/bundle-$$.yaml"; fi\n`,
  );
  chmodSync(wrapper, 0o755);
  env = { ...TEST_ENV, CTO_TALOSCTL: wrapper, CTO_HELM: testenvBin('helm') };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cto render without state', () => {
  let r: CliResult;
  beforeAll(async () => {
    r = await render([]);
  });

  it('prints every node and every component, and says what it did not know', () => {
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect([...nodeConfigs(r.stdout).keys()]).toEqual(['cp-0', 'cp-1', 'cp-2', 'worker-0', 'worker-1', 'worker-2']);
    const components = new Set(headers(r.stdout).flatMap((h) => /^# cto render: component (\S+) /.exec(h)?.[1] ?? []));
    expect([...components]).toEqual(['cilium', 'bootstrap', 'local-path', 'argocd', 'app-of-apps', 'storage']);
    expect(r.stdout).toContain('# cto render: component storage (storage/pool/worker-2): DiskPool openebs/pool-cto-ha-worker-2');
    expect(r.stdout).toContain('# cto render: component app-of-apps (gitops/app-of-apps): Application argocd/app-of-apps');
    // The notes: on stderr, and in the header of every node's first document.
    expect(r.stderr).toMatch(/note: no secrets bundle at .*throwaway bundle/);
    expect(r.stderr).toContain("note: the cluster endpoint is server/cp-0's address, which is not known (no apply has recorded it yet; --refresh asks Latitude): shown as https://cp-0.address-unknown.invalid:6443");
    expect(r.stdout).toContain('endpoint: https://cp-0.address-unknown.invalid:6443');
    expect(r.stdout.match(/^# note: .*throwaway bundle/gm)).toHaveLength(6);
  });

  it('prints what the patches made: role, install image, Cilium networking, the hostname, the storage mounts', () => {
    const configs = nodeConfigs(r.stdout);
    const worker = parse(configs.get('worker-1')!.split(/^---\n/m)[0]!) as any;
    expect(worker.machine.type).toBe('worker');
    expect(worker.machine.install.image).toMatch(/^factory\.talos\.dev\/installer\/[0-9a-f]{64}:v1\.13\.9$/);
    expect(worker.cluster.network.cni.name).toBe('none');
    expect(worker.cluster.proxy.disabled).toBe(true);
    expect(worker.machine.nodeLabels['openebs.io/engine']).toBe('mayastor');
    expect(worker.machine.kubelet.extraMounts[0].destination).toBe('/var/local');
    expect(configs.get('worker-1')).toMatch(/kind: HostnameConfig[\s\S]*hostname: cto-ha-worker-1/);
    const cp = parse(configs.get('cp-1')!.split(/^---\n/m)[0]!) as any;
    expect(cp.machine.certSANs).toContain('k8s.cto-ha.example.com');
  });

  it('every printed machine config passes talosctl validate --mode metal --strict', async () => {
    const configs = nodeConfigs(r.stdout);
    expect(configs.size).toBe(6);
    for (const [node, config] of configs) await validate(config, node);
  });

  it('shows key material as <redacted> and none of the throwaway bundle, which it never writes to the state folder', () => {
    const bundles = readdirSync(captured).map((f) => readFileSync(join(captured, f), 'utf8'));
    expect(bundles).toHaveLength(1);
    const material = keyMaterial(bundles[0]!);
    // cluster id and secret, bootstrap token, secretbox secret, trustd token, five keys.
    expect(material.length).toBeGreaterThanOrEqual(9);
    for (const secret of material) {
      expect(r.stdout.includes(secret), `${secret.slice(0, 6)}… in stdout`).toBe(false);
      expect(r.stderr.includes(secret)).toBe(false);
    }
    const cp = parse(nodeConfigs(r.stdout).get('cp-0')!.split(/^---\n/m)[0]!) as any;
    expect(cp.machine.token).toBe('<redacted>');
    expect(cp.cluster.secretboxEncryptionSecret).toBe('<redacted>');
    expect(cp.cluster.token).toBe('<redacted>');
    expect(Buffer.from(cp.cluster.ca.key, 'base64').toString()).toBe('<redacted>');
    expect(r.stdout).toMatch(/^ {4}key: \S+ # <redacted>$/m);
    // Certificates are public: printed as the node gets them.
    expect(Buffer.from(cp.cluster.ca.crt, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    expect(existsSync(join(dir, '.cto'))).toBe(false);
  });

  it("redacts Secrets' values and the spec's credentials", () => {
    const secret = r.stdout.split(/^---\n/m).find((d) => d.includes('Secret argocd/cto-gitops-repository'))!;
    expect((parse(secret) as any).stringData).toEqual({ type: '<redacted>', url: '<redacted>', username: '<redacted>', password: '<redacted>' });
    for (const credential of [TEST_ENV.GITOPS_TOKEN, TEST_ENV.LATITUDE_API_KEY]) expect(r.stdout).not.toContain(credential);
  });
});

describe('cto render with a state folder', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = join(dir, '.cto', 'cto-ha');
    mkdirSync(join(stateDir, 'talos'), { recursive: true, mode: 0o700 });
    await run(testenvBin('talosctl'), ['gen', 'secrets', '-o', join(stateDir, 'talos', 'secrets.yaml'), '--talos-version', 'v1.13']);
    chmodSync(join(stateDir, 'talos', 'secrets.yaml'), 0o600);
    const server = { id: 'sv_1', hostname: 'cto-ha-cp-0', ipv4: CP0_ADDRESS, status: 'on', site: 'DAL', plan: 'c2-small-x86', tags: [], locked: false };
    writeFileSync(join(stateDir, 'observations.json'), JSON.stringify({ formatVersion: 1, recordedAt: new Date().toISOString(), steps: { 'server/cp-0': { state: 'present', value: server } } }));
  });
  afterAll(() => rmSync(join(dir, '.cto'), { recursive: true, force: true }));

  it("uses the cluster's bundle and cp-0's recorded address, and prints none of the bundle's key material", async () => {
    const bundles = readdirSync(captured).length;
    const r = await render(['--node', 'cp-0', '--node', 'worker-0']);
    expect(r.code).toBe(0);
    expect(readdirSync(captured)).toHaveLength(bundles); // no throwaway generated
    expect(r.stderr).not.toContain('throwaway');
    expect(r.stderr).not.toContain('address-unknown');
    expect([...nodeConfigs(r.stdout).keys()]).toEqual(['cp-0', 'worker-0']);
    const cp = parse(nodeConfigs(r.stdout).get('cp-0')!.split(/^---\n/m)[0]!) as any;
    expect(cp.cluster.controlPlane.endpoint).toBe(`https://${CP0_ADDRESS}:6443`);
    const bundle = parse(readFileSync(join(stateDir, 'talos', 'secrets.yaml'), 'utf8')) as any;
    expect(cp.cluster.ca.crt).toBe(bundle.certs.k8s.crt);
    const scan = scanForSecrets(stateDir, [TEST_ENV.LATITUDE_API_KEY], [r.stdout, r.stderr]);
    expect(scan.secrets.length).toBeGreaterThanOrEqual(9);
    expect(scan.leaks).toEqual([]);
    for (const [node, config] of nodeConfigs(r.stdout)) await validate(config, `state-${node}`);
  });
});

describe('cto render --refresh', () => {
  let sim: Simulator;
  let simSpec: string;
  const simEnv = () => ({ ...env, LATITUDE_API_KEY: 'sim-render-key-0123456789', LATITUDE_PROJECT_ID: 'cto-sim' });
  beforeAll(async () => {
    sim = await startSimulator({ apiKey: 'sim-render-key-0123456789', rateLimits: false });
    simSpec = join(dir, 'sim-cluster.yaml');
    writeFileSync(simSpec, readFileSync(spec, 'utf8').replace(/^( +)apiKey: .*$/m, `$&\n$1endpoint: ${sim.url}`));
  });
  afterAll(() => sim?.close());

  it('asks Latitude for the addresses only when told to', async () => {
    const server = sim.state.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'DAL', operating_system: 'ipxe', hostname: 'cto-ha-cp-0', ipxe: 'https://boot.example/talos.ipxe' });
    const offline = await runCto(['render', '-f', simSpec, '--node', 'cp-0'], { env: simEnv(), cwd: dir });
    expect(offline.code).toBe(0);
    expect([...sim.state.calls.keys()].filter((k) => k.startsWith('GET /servers'))).toEqual([]);
    expect(offline.stdout).toContain('endpoint: https://cp-0.address-unknown.invalid:6443');
    const refreshed = await runCto(['render', '-f', simSpec, '--node', 'cp-0', '--refresh'], { env: simEnv(), cwd: dir });
    expect(refreshed.stderr).not.toContain('address-unknown');
    expect(refreshed.code).toBe(0);
    expect(sim.state.calls.get('GET /servers')).toBeGreaterThan(0);
    expect(refreshed.stdout).toContain(`endpoint: https://${server.ipv4}:6443`);
    await validate(nodeConfigs(refreshed.stdout).get('cp-0')!, 'refreshed-cp-0');
  });
});

describe('cto render selection and output', () => {
  it('--component prints only that component; with --node, both', async () => {
    const only = await render(['--component', 'cilium']);
    expect(only.code).toBe(0);
    expect(new Set(headers(only.stdout).map((h) => /^# cto render: (\S+ \S+)/.exec(h)![1]))).toEqual(new Set(['component cilium']));
    const both = await render(['--component', 'storage', '--node', 'worker-2']);
    expect(new Set(headers(both.stdout).map((h) => /^# cto render: (\S+ \S+)/.exec(h)![1]))).toEqual(new Set(['node worker-2', 'component storage']));
  });

  it('an unknown --node or --component fails with the valid names, no stack', async () => {
    const node = await render(['--node', 'worker-7']);
    expect(node.code).toBe(1);
    expect(node.stdout).toBe('');
    expect(node.stderr).toMatch(/cluster\.yaml:\d+:\d+: spec\.nodes: --node worker-7: no node of that name in this cluster/);
    expect(node.stderr).toContain('hint: valid nodes: cp-0, cp-1, cp-2, worker-0, worker-1, worker-2');
    const component = await render(['--component', 'mayastor']);
    expect(component.code).toBe(1);
    expect(component.stderr).toContain('--component mayastor: no component of that name in this cluster');
    expect(component.stderr).toContain('hint: valid components: cilium, bootstrap, local-path, argocd, app-of-apps, storage');
    expect(node.stderr + component.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('a config talosctl validate refuses is printed with a note, and render fails naming the node and the problem', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(spec, 'utf8').replace(/^  talos:\n/m, '  talos:\n    patches:\n      workers:\n        - machine: { kubelet: { nodeIP: { validSubnets: [not-a-cidr] } } }\n'));
    const r = await runCto(['render', '-f', bad, '--node', 'cp-0', '--node', 'worker-0'], { env, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('# note: talosctl validate --mode metal --strict refuses this config: kubelet nodeIP subnet is not valid: "not-a-cidr"');
    expect([...nodeConfigs(r.stdout).keys()]).toEqual(['cp-0', 'worker-0']);
    expect(r.stderr).toContain('talos/config/worker-0: spec.talos: talosctl validate --mode metal --strict refuses the machine config: kubelet nodeIP subnet is not valid: "not-a-cidr"');
    expect(r.stderr).not.toContain('talos/config/cp-0');
  });

  it('--out writes one file per node and component, each config valid, and removes what an earlier render wrote that is gone', async () => {
    const out = join(dir, 'rendered');
    mkdirSync(out);
    writeFileSync(join(out, 'node-mine.yaml'), 'a file of my own\n');
    writeFileSync(join(out, 'node-cp-9.yaml'), '# cto render: node cp-9 (controlplane, old): machine config v1alpha1\n');
    const r = await render(['--out', out, '--node', 'cp-0', '--node', 'worker-0', '--component', 'argocd', '--component', 'storage']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(out).sort()).toEqual([
      'component-argocd.yaml',
      'component-storage-class.yaml',
      'component-storage-pool-worker-0.yaml',
      'component-storage-pool-worker-1.yaml',
      'component-storage-pool-worker-2.yaml',
      'node-cp-0.yaml',
      'node-mine.yaml',
      'node-worker-0.yaml',
    ]);
    for (const node of ['cp-0', 'worker-0']) await validate(readFileSync(join(out, `node-${node}.yaml`), 'utf8'), `out-${node}`);
    expect(readFileSync(join(out, 'component-storage-class.yaml'), 'utf8')).toMatch(/^# cto render: component storage \(storage\/class\): StorageClass mayastor-nvme\n/);
  });
});
