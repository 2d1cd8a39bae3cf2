import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import type { KubeObject } from '../../src/clients/kube/object.js';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import { startWorld, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { redactMachineConfig } from '../../src/executors/talos/redact-config.js';
import { repoRoot, runCto, type CliResult } from '../support/cli.js';
import { scanForSecrets } from '../support/secret-scan.js';

/**
 * `cto render` after a real apply (the Latitude simulator, simulated Talos nodes driven by the real
 * talosctl, a real API server): each printed machine config is the one the node runs, with the same
 * fields redacted, and each printed object is one apply created, labels and all.
 */
describe('cto render after apply', () => {
  let world: World;
  let spec: string;
  let stateDir: string;
  let render: CliResult;
  /** The printed documents, split at `---`, each with its `# cto render: …` header. */
  let documents: string[];

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-render-e2e-')), timeScale: 0.005, repoRoot });
    spec = await writeWorldSpec(world, repoRoot, { workers: 1 });
    stateDir = join(dirname(spec), '.cto', 'cto-prod');
    const apply = await runCto(['apply', '-f', spec, '--auto-approve'], { env: world.env, timeoutMs: 600_000 });
    expect(apply.stderr).not.toContain('internal error');
    expect(apply.code).toBe(0);
    render = await runCto(['render', '-f', spec], { env: world.env, timeoutMs: 120_000 });
    documents = render.stdout.split(/^---\n/m);
  }, 900_000);
  afterAll(async () => world?.stop(), 120_000);

  it('knows everything: the cluster bundle, the recorded address, no notes about either', () => {
    expect(render.stderr).not.toContain('internal error');
    expect(render.code).toBe(0);
    expect(render.stderr).not.toMatch(/throwaway|address-unknown|refuses/);
  });

  it('prints for each node the config it runs, redacted the same way', async () => {
    const observations = JSON.parse(readFileSync(join(stateDir, 'observations.json'), 'utf8')) as { steps: Record<string, { value?: { ipv4?: string } }> };
    const talosctl = new Talosctl({ bin: world.env.CTO_TALOSCTL!, talosconfig: join(stateDir, 'talos', 'talosconfig'), redact: (t) => t });
    for (const node of ['cp-0', 'worker-0']) {
      const ip = observations.steps[`server/${node}`]!.value!.ipv4!;
      const running = redactMachineConfig(await talosctl.machineConfig(ip)).map((d) => parse(d) as unknown);
      const printed = documents.filter((d) => d.startsWith(`# cto render: node ${node} `)).map((d) => parse(d) as unknown);
      expect(printed.length).toBeGreaterThanOrEqual(2);
      expect(printed).toEqual(running);
      expect((printed[0] as { cluster: { controlPlane: { endpoint: string } } }).cluster.controlPlane.endpoint).toBe(`https://${observations.steps['server/cp-0']!.value!.ipv4}:6443`);
    }
  });

  it('prints only objects that apply created, with the labels they carry', async () => {
    const kube = await KubeApi.connect(world.controlPlane.kubeconfigPath);
    const objects = documents.filter((d) => d.startsWith('# cto render: component ')).flatMap((d) => parseAllDocuments(d).map((x) => x.toJS() as KubeObject));
    expect(objects.length).toBeGreaterThan(20);
    for (const o of objects) {
      const live = await kube.get(o);
      expect(live, `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).toBeDefined();
      expect(live!.metadata.labels).toMatchObject(o.metadata.labels!);
      // The pool's disk is the one apply gave it (the spec's, or the one chosen on the node and recorded).
      if (o.kind === 'DiskPool') expect((live!.spec as { disks: string[] }).disks).toEqual((o.spec as { disks: string[] }).disks);
    }
    expect(objects.filter((o) => o.kind === 'DiskPool')).toHaveLength(1);
  });

  it("prints none of the cluster's key material or credentials", () => {
    const scan = scanForSecrets(stateDir, [world.env.GITOPS_TOKEN!, world.env.LATITUDE_API_KEY!], [render.stdout, render.stderr]);
    expect(scan.unscanned).toEqual([]);
    expect(scan.leaks).toEqual([]);
  });
});
