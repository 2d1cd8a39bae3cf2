import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApi } from '../../src/clients/kube/api.js';
import { readBlockDevices } from '../../src/clients/talos/block.js';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import { parseManifests, type KubeObject } from '../../src/clients/kube/object.js';
import { mergeKubeconfig } from '../../src/executors/kubeconfig/merge.js';
import { redactMachineConfig } from '../../src/executors/talos/redact-config.js';
import { yamlFilesUnder } from '../../src/gitops-tree/tree-files.js';
import type { Plan } from '../../src/planner/plan.js';
import { startWorld, worldGitopsRepo, worldGitopsUrl, writeWorldSpec, type World } from '../../testenv/demo/world.js';
import { diskPoolPolicyEnforced } from '../../testenv/diskpool-policy.js';
import { jsonEvents, repoRoot, runCto, type CliResult } from '../support/cli.js';
import { repeatedWithin30s } from '../support/plain-log.js';
import { scanForSecrets } from '../support/secret-scan.js';

/**
 * The whole mission in one world, one cluster's life: the spec and GitOps tree `cto init --gitops` writes
 * for the original installer's two-node deployment, applied against the Latitude simulator, simulated
 * Talos nodes driven by the real talosctl, and a real local control plane where the real Argo CD
 * controller and repo server sync the tree from its git repository; then `cto render` of what runs,
 * scale out to two workers, scale in back to one, destroy, and a grep of everything for secrets.
 */
describe('end to end: a two-node cluster, rendered, scaled out and in, destroyed', () => {
  let world: World;
  let spec: string;
  /** Everything cto printed or wrote outside its secrets files, grepped for secrets at the end. */
  const outputs: string[] = [];
  const cto = async (args: string[]) => {
    const r = await runCto(args, { env: world.env, timeoutMs: 600_000 });
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const plan = async () => {
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    expect(r.stderr).not.toContain('internal error');
    return { code: r.code, plan: JSON.parse(r.stdout) as Plan, stderr: r.stderr };
  };
  const changed = (p: Plan) => p.steps.filter((s) => s.action !== 'noop').map((s) => `${s.action} ${s.id}`).sort();
  /** What a plan changes, with the reasons, for a failing assertion's message. */
  const why = (p: Plan) => JSON.stringify(p.steps.filter((s) => s.action !== 'noop').map((s) => ({ id: s.id, reason: s.reason, fields: s.fields })));
  const servers = () => [...world.sim.state.servers.values()].map((s) => s.hostname).sort();
  const stateDir = () => join(world.dir, '.cto', 'cto-prod');
  /** The GitOps repository, as its user would work in it. */
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=e2e', '-c', 'user.email=e2e@cto.invalid', ...args], { encoding: 'utf8' }).trim();
  const tree = 'infra/gitops';
  let kube: KubeApi;
  const live = (o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>) => kube.get(o);
  const node = (name: string) => live({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
  type Status = { sync?: { status?: string; revision?: string }; health?: { status?: string }; resources?: { kind: string; name: string }[] };
  const application = async (name: string) => (await live({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' } })) as (KubeObject & { status?: Status }) | undefined;
  const diskPoolCrd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'diskpools.openebs.io' } };
  /**
   * Each worker's DiskPool names a by-id link of that worker's own disk, read from the node
   * (`talosctl get disks`, `discoveredvolumes`): the link carries the disk's serial, the disk is
   * not the one Talos installed to, and no two workers share a link.
   */
  const poolsOnOwnDisks = async (workers: string[]) => {
    const talosctl = new Talosctl({ bin: world.env.CTO_TALOSCTL!, talosconfig: join(stateDir(), 'talos', 'talosconfig'), redact: (t) => t });
    const links: string[] = [];
    for (const worker of workers) {
      const hostname = `cto-prod-${worker}`;
      const server = [...world.sim.state.servers.values()].find((s) => s.hostname === hostname)!;
      const { disks, volumes } = await readBlockDevices(talosctl, server.ipv4, { insecure: false });
      const pool = await live({ apiVersion: 'openebs.io/v1beta3', kind: 'DiskPool', metadata: { name: `pool-${hostname}`, namespace: 'openebs' } });
      const link = (pool!.spec as { disks: string[] }).disks[0]!;
      expect(link, worker).toMatch(/^\/dev\/disk\/by-id\/nvme-SAMSUNG_MZQL21T9HCJR-00A07_\w+_1$/);
      const disk = disks.find((d) => d.symlinks.includes(link));
      expect(disk, `${worker}: ${link} is none of its disks`).toBeDefined();
      expect(link).toContain(disk!.serial);
      expect(disk!.id, `${worker}: the pool is on the system disk`).not.toBe(volumes.find((v) => v.partitionLabel === 'META')!.parent);
      links.push(link);
    }
    expect(new Set(links).size).toBe(workers.length);
  };

  beforeAll(async () => {
    world = await startWorld({ dir: mkdtempSync(join(tmpdir(), 'cto-e2e-')), timeScale: 0.005, repoRoot });
    spec = await writeWorldSpec(world, repoRoot, { workers: 1 });
    repo = worldGitopsRepo(spec);
    kube = await KubeApi.connect(world.controlPlane.kubeconfigPath);
  }, 300_000);
  afterAll(async () => world?.stop(), 120_000);

  it('points the spec at the tree cto init wrote, committed in a git repository, and the tree fits the spec', async () => {
    expect((parse(readFileSync(spec, 'utf8')) as { spec: { gitops: unknown } }).spec.gitops).toMatchObject({ repoURL: worldGitopsUrl(world, spec), path: tree, revision: 'main' });
    expect(git('log', '--format=%s')).toBe('GitOps tree written by cto init --gitops');
    expect(git('ls-files').split('\n')).toEqual([`${tree}/README.md`, `${tree}/applications/storage/mayastor.yaml`, `${tree}/cluster-config/mayastor-namespace.yaml`, `${tree}/projects/platform-project.yaml`]);
    const r = await cto(['validate', '-f', spec, '--gitops', repo]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('plans every step of an empty project (exit 2)', async () => {
    const { code, plan: p } = await plan();
    expect(code).toBe(2);
    expect(p.summary.create).toBeGreaterThanOrEqual(15);
    expect(p.steps.find((s) => s.id === 'server/cp-0')!.action).toBe('create');
  }, 300_000);

  it('with the Mayastor Application taken out of the tree, apply fails at the DiskPools with cto\'s own error', async () => {
    git('rm', '--quiet', `${tree}/applications/storage/mayastor.yaml`);
    git('commit', '--quiet', '--message', 'no storage');
    const r = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(r.code).toBe(1);
    // Not a TTY: each waiting step prints its state when it changes, and repeats it at most every 30 s.
    expect(repeatedWithin30s(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('storage/pool/worker-0: the cluster serves no DiskPool kind (openebs.io/v1beta3 or openebs.io/v1beta2): Mayastor is not installed (no CustomResourceDefinition diskpools.openebs.io)');
    // Argo CD synced the tree it was given: the app-of-apps at that commit, no Mayastor, no CRD.
    expect((await application('app-of-apps'))!.status).toMatchObject({ sync: { status: 'Synced', revision: git('rev-parse', 'HEAD') }, health: { status: 'Healthy' } });
    expect(await application('mayastor')).toBeUndefined();
    expect(await live(diskPoolCrd)).toBeUndefined();
    // Putting it back is a commit; Argo CD picks the new revision up and syncs the chart.
    git('revert', '--no-edit', 'HEAD');
    // Argo CD looks at the branch again within its resync period (10 s in the world).
    for (const deadline = Date.now() + 180_000; (await application('mayastor'))?.status?.health?.status !== 'Healthy'; ) {
      expect(Date.now(), 'the Mayastor Application never became Healthy').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 600_000);

  it('applies, and the next plan has no changes (exit 0)', async () => {
    const r = await cto(['apply', '-f', spec, '--auto-approve', '--json']);
    expect(r.stderr).toContain('is ready');
    // --json progress: one event object per line.
    const events = jsonEvents(r.stderr);
    expect(events.filter((e) => e.type === 'finished').map((e) => e.id)).toContain('talos/bootstrap');
    expect(r.code).toBe(0);
    const { code, plan: p } = await plan();
    expect(changed(p)).toEqual([]);
    expect(code).toBe(0);
    const nodes = await world.talos.nodes();
    expect(nodes.reduce((n, x) => n + x.bootstrapCalls, 0)).toBe(1);
    expect([...world.sim.state.servers.values()].length).toBe(2);
    // The spec's disk is the selector cto init wrote; the plan says which disk it chose and why.
    expect((parse(readFileSync(spec, 'utf8')) as { spec: { storage: { mayastor: { disk: unknown } } } }).spec.storage.mayastor.disk).toEqual({ type: 'ssd', size: '>= 400GB' });
    expect(p.steps.find((s) => s.id === 'storage/disk/worker-0')!.reason).toMatch(/^\/dev\/disk\/by-id\/nvme-\S+: \/dev\/nvme1n1 \(serial \w+, 1.9 TB, SAMSUNG MZQL21T9HCJR-00A07, nvme\): the only disk besides the install disk that matches size >= 400GB, type ssd$/);
    await poolsOnOwnDisks(['worker-0']);
    // The stand-in for Mayastor's devlink check is live in this world: a kernel-name pool is refused.
    expect(await diskPoolPolicyEnforced(world.controlPlane.kubeconfigPath)).toContain('is not a persistent devlink');
  }, 600_000);

  it('the cluster holds every object of the tree, applied by Argo CD from the commit the branch names', async () => {
    const objects: KubeObject[] = [];
    for (const f of await yamlFilesUnder(join(repo, tree))) {
      objects.push(...parseManifests(readFileSync(join(repo, tree, f), 'utf8'), f));
    }
    expect(objects.map((o) => `${o.kind} ${o.metadata.name}`).sort()).toEqual(['AppProject platform', 'Application mayastor', 'Namespace openebs']);
    for (const o of objects) {
      const found = await live(o);
      expect(found, `${o.kind} ${o.metadata.name}`).toMatchObject(o);
      expect((found!.metadata.managedFields as { manager: string }[]).map((m) => m.manager)).toContain('argocd-controller');
    }
    expect((await live({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } }))!.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    });
    const root = (await application('app-of-apps'))!;
    expect(root.spec).toMatchObject({ source: { repoURL: worldGitopsUrl(world, spec), path: tree, targetRevision: 'main' } });
    expect(root.status).toMatchObject({ sync: { status: 'Synced', revision: git('rev-parse', 'main') }, health: { status: 'Healthy' } });
    expect(root.status!.resources!.map((r) => `${r.kind} ${r.name}`).sort()).toEqual(['AppProject platform', 'Application mayastor', 'Namespace openebs']);
    expect((await application('mayastor'))!.status).toMatchObject({ sync: { status: 'Synced' }, health: { status: 'Healthy' } });
    expect(await live(diskPoolCrd)).toBeDefined();
  });

  describe('cto render after the apply: what each node runs and what apply created, no secrets', () => {
    let render: CliResult;
    /** The printed documents, split at `---`, each with its `# cto render: …` header. */
    let documents: string[];
    beforeAll(async () => {
      render = await cto(['render', '-f', spec]);
      documents = render.stdout.split(/^---\n/m);
    }, 300_000);

    it('knows everything: the cluster bundle, the recorded address, no notes about either', () => {
      expect(render.stderr).not.toContain('internal error');
      expect(render.code).toBe(0);
      expect(render.stderr).not.toMatch(/throwaway|address-unknown|refuses/);
    });

    it('prints for each node the config it runs, redacted the same way', async () => {
      const observations = JSON.parse(readFileSync(join(stateDir(), 'observations.json'), 'utf8')) as { steps: Record<string, { value?: { ipv4?: string } }> };
      const talosctl = new Talosctl({ bin: world.env.CTO_TALOSCTL!, talosconfig: join(stateDir(), 'talos', 'talosconfig'), redact: (t) => t });
      for (const n of ['cp-0', 'worker-0']) {
        const ip = observations.steps[`server/${n}`]!.value!.ipv4!;
        const running = redactMachineConfig(await talosctl.machineConfig(ip)).map((d) => parse(d) as unknown);
        const printed = documents.filter((d) => d.startsWith(`# cto render: node ${n} `)).map((d) => parse(d) as unknown);
        expect(printed.length).toBeGreaterThanOrEqual(2);
        expect(printed).toEqual(running);
        expect((printed[0] as { cluster: { controlPlane: { endpoint: string } } }).cluster.controlPlane.endpoint).toBe(`https://${observations.steps['server/cp-0']!.value!.ipv4}:6443`);
      }
    });

    it('prints only objects that apply created, with the labels they carry', async () => {
      const objects = documents.filter((d) => d.startsWith('# cto render: component ')).flatMap((d) => parseAllDocuments(d).map((x) => x.toJS() as KubeObject));
      expect(objects.length).toBeGreaterThan(20);
      for (const o of objects) {
        const found = await live(o);
        expect(found, `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`).toBeDefined();
        expect(found!.metadata.labels).toMatchObject(o.metadata.labels!);
        // The pool's disk is the one apply gave it (the spec's, or the one chosen on the node and recorded).
        if (o.kind === 'DiskPool') expect((found!.spec as { disks: string[] }).disks).toEqual((o.spec as { disks: string[] }).disks);
      }
      expect(objects.filter((o) => o.kind === 'DiskPool')).toHaveLength(1);
    });

    it("prints none of the cluster's key material or credentials", () => {
      const scan = scanForSecrets(stateDir(), [world.env.GITOPS_TOKEN!, world.env.LATITUDE_API_KEY!], [render.stdout, render.stderr]);
      expect(scan.unscanned).toEqual([]);
      expect(scan.leaks).toEqual([]);
    });
  });

  it('scales out to two workers: the plan shows exactly the new server, config, node and pool', async () => {
    spec = await writeWorldSpec(world, repoRoot, { workers: 2, file: spec });
    const { code, plan: p } = await plan();
    expect(code).toBe(2);
    expect(changed(p)).toEqual(['create node/worker-1', 'create server/worker-1', 'create storage/disk/worker-1', 'create storage/pool/worker-1', 'create talos/config/worker-1']);
    // The new server's price, from the simulator's catalog: c3-small-x86 (two drives, for Mayastor) in the United States.
    const md = await cto(['plan', '-f', spec, '--format', 'markdown']);
    expect(md.stdout).toContain('**Cost: +0.32 USD/hour, +222.00 USD/month**');
    expect(md.stdout).toContain('      cost: +0.32 USD/hour, +222.00 USD/month');
    const r = await cto(['apply', '-f', spec, '--auto-approve', '--json']);
    expect(r.code).toBe(0);
    const after = await plan();
    expect(changed(after.plan)).toEqual([]);
    expect(after.code).toBe(0);
    expect(servers()).toEqual(['cto-prod-cp-0', 'cto-prod-worker-0', 'cto-prod-worker-1']);
    expect(await node('cto-prod-worker-1')).toBeDefined();
    await poolsOnOwnDisks(['worker-0', 'worker-1']);
  }, 900_000);

  it('plans from what the apply recorded with --refresh=false, without a single Latitude call', async () => {
    const calls = () => [...world.sim.state.calls.values()].reduce((a, b) => a + b, 0);
    const before = calls();
    const r = await cto(['plan', '-f', spec, '--refresh=false', '--json', '--detailed-exitcode']);
    const p = JSON.parse(r.stdout) as Plan;
    expect(changed(p), why(p)).toEqual([]);
    expect(r.code).toBe(0);
    expect(calls()).toBe(before);
    expect((await cto(['plan', '-f', spec, '--refresh=maybe'])).stderr).toContain('--refresh must be true or false (got "maybe")');
  }, 300_000);

  it('scales in: plans exactly the teardown of worker-1, refused without --allow-destroy', async () => {
    spec = await writeWorldSpec(world, repoRoot, { workers: 1, file: spec });
    const r = await cto(['plan', '-f', spec, '--json', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused');
    const p = JSON.parse(r.stdout) as Plan;
    expect(changed(p), why(p)).toEqual(['delete node/worker-1', 'delete server/worker-1', 'delete storage/pool/worker-1', 'delete talos/config/worker-1']);
    expect(p.steps.filter((s) => s.action === 'delete').every((s) => s.destructive && s.refused)).toBe(true);
    // The record knows worker-1's server too: the same teardown without reading the world.
    const recorded = JSON.parse((await cto(['plan', '-f', spec, '--json', '--no-refresh'])).stdout) as Plan;
    expect(changed(recorded), why(recorded)).toEqual(changed(p));

    const refused = await cto(['apply', '-f', spec, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(servers()).toHaveLength(3);
  }, 300_000);

  it('with --allow-destroy drains, resets and deletes worker-1, and the next plan is clean', async () => {
    const r = await cto(['apply', '-f', spec, '--allow-destroy', '--auto-approve', '--json']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    expect(servers()).toEqual(['cto-prod-cp-0', 'cto-prod-worker-0']);
    expect(await node('cto-prod-worker-1')).toBeUndefined();
    expect(await node('cto-prod-worker-0')).toBeDefined();
    // The order the issue asks for: pool, then cordon/drain/delete the Node, then the Talos reset, then the server;
    // each step starting only once the one before finished.
    const events = jsonEvents(r.stderr);
    const at = (type: string, id: string) => events.find((e) => e.type === type && e.id === id)?.at ?? Number.NaN;
    const teardown = ['storage/pool/worker-1', 'node/worker-1', 'talos/config/worker-1', 'server/worker-1'];
    for (const [before, after] of teardown.slice(0, -1).map((id, i) => [id, teardown[i + 1]!])) {
      expect(at('finished', before), `${before} finished before ${after} started`).toBeLessThanOrEqual(at('started', after));
    }

    const after = await plan();
    expect(changed(after.plan), why(after.plan)).toEqual([]);
    expect(after.code).toBe(0);
  }, 900_000);

  it('renders markdown and saves plan files without a single secret', async () => {
    const md = await cto(['plan', '-f', spec, '--format', 'markdown']);
    expect(md.stdout).toContain('No changes.');
    const planFile = join(world.dir, 'plan.json');
    expect((await cto(['plan', '-f', spec, '--out', planFile])).code).toBe(0);
    outputs.push(readFileSync(planFile, 'utf8'));
  }, 300_000);

  it('no secret appears in any output, plan file or state file but the secrets files', () => {
    const scan = scanForSecrets(stateDir(), [world.env.LATITUDE_API_KEY!, world.env.GITOPS_TOKEN!], outputs);
    expect(scan.secrets.length).toBeGreaterThan(5);
    expect(scan.unscanned).toEqual([]);
    // What apply records beside the secrets: where a leak would hide.
    expect(scan.stateFiles.map((f) => basename(f))).toEqual(expect.arrayContaining(['journal.jsonl', 'observations.json']));
    expect(scan.leaks).toEqual([]);
    expect(scan.exposed).toEqual([]);
  });

  it('destroy is refused without --allow-destroy, then deletes every server with it', async () => {
    // Another context beside ours in the merged kubeconfig: destroy must take out ours only.
    const kubeconfig = join(world.env.HOME!, '.kube', 'config');
    const names = (text: string, list: string) => (parse(text)[list] as { name: string }[]).map((i) => i.name).sort();
    expect(names(readFileSync(kubeconfig, 'utf8'), 'contexts')).toEqual(['cto-prod']);
    const staging = { name: 'staging', cluster: { server: 'https://staging.example.com:6443' }, user: { token: 'staging-token' } };
    writeFileSync(kubeconfig, mergeKubeconfig(readFileSync(kubeconfig, 'utf8'), staging, kubeconfig).replace('current-context: staging', 'current-context: cto-prod'));

    const refused = await cto(['destroy', '-f', spec, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused');
    expect(servers()).toHaveLength(2);

    const r = await cto(['destroy', '-f', spec, '--allow-destroy', '--auto-approve', '--json']);
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { destroyed: string[] };
    expect(summary.destroyed).toEqual(expect.arrayContaining(['server/cp-0', 'server/worker-0', 'talos/config/cp-0', 'node/worker-0', 'storage/pool/worker-0']));
    expect(servers()).toEqual([]);
    const left = readFileSync(kubeconfig, 'utf8');
    for (const list of ['clusters', 'users', 'contexts']) expect(names(left, list), list).toEqual(['staging']);
    expect(parse(left)['current-context']).toBe('');

    const again = await cto(['destroy', '-f', spec, '--auto-approve']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Nothing to destroy');
  }, 900_000);
});
