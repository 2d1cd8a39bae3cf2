// How often the plan right after a successful first apply is not clean because an Application of the
// app-of-apps had not settled yet (issue #18's flake with the real Argo CD controller). Each round applies a
// fresh 1 CP + 1 worker cluster in one world, reads the Applications the moment the apply returned,
// plans at once, then deletes the app-of-apps (Argo CD's finalizer removes the children and their
// resources; the DiskPool CRD goes by hand) so that the next round's sync is a first one again.
//
//   npm run build && node bench/first-sync-settle.mjs           # ROUNDS=6; CTO_BIN=<another build's bin/cto>
//
// Prints one line per round and a summary; writes nothing.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleModules } from '../scripts/bundle-modules.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
const bin = resolve(process.env.CTO_BIN ?? 'bin/cto');
const repoRoot = process.cwd();
process.env.CTO_TESTENV_DIR ??= 'testenv';

const { startWorld, writeWorldSpec, KubeApi } = await import(await bundleModules([
  "export { startWorld, writeWorldSpec } from './testenv/demo/world.ts';",
  "export { KubeApi } from './src/clients/kube/api.ts';",
]));

const cto = (args, env) => new Promise((done) => {
  execFile(process.execPath, [bin, ...args], { env, maxBuffer: 256 * 1024 * 1024, timeout: 900_000 }, (err, stdout, stderr) =>
    done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
});
const APP = (name) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd' } });
const CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'diskpools.openebs.io' } };
const NS = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openebs' } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const world = await startWorld({ dir: await mkdtemp(join(tmpdir(), 'cto-settle-')), timeScale: 0.005, repoRoot });
const rows = [];
try {
  const kube = await KubeApi.connect(world.controlPlane.kubeconfigPath);
  const health = async (name) => {
    const s = (await kube.get(APP(name)))?.status ?? {};
    return `${s.sync?.status ?? '-'}/${s.health?.status ?? '-'}`;
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const name = `settle-${round}`;
    const spec = await writeWorldSpec(world, repoRoot, { workers: 1, name, file: join(world.dir, `${name}.yaml`) });
    const applied = await cto(['apply', '-f', spec, '--auto-approve'], world.env);
    if (applied.code !== 0) throw new Error(`round ${round}: apply failed:\n${applied.stderr.slice(-3000)}`);
    const atEnd = { root: await health('app-of-apps'), mayastor: await health('mayastor') };
    const planned = await cto(['plan', '-f', spec, '--detailed-exitcode', '--json'], world.env);
    const changes = planned.code === 2 ? JSON.parse(planned.stdout).steps.filter((s) => s.action !== 'noop').map((s) => `${s.id}: ${s.reason} ${JSON.stringify(s.fields ?? [])}`) : [];
    rows.push({ round, atEnd, plan: planned.code });
    console.log(`round ${round}: at the apply's end app-of-apps ${atEnd.root}, mayastor ${atEnd.mayastor}; plan exit ${planned.code}${changes.length ? ` (${changes.join('; ')})` : ''}; load ${loadavg()[0].toFixed(1)}`);
    // Back to before the first sync: the app-of-apps and, through Argo CD's finalizers, everything it made.
    // Argo CD leaves the CRD (it carries no tracking annotation), so it goes by hand, with the DiskPools.
    await kube.delete(APP('app-of-apps')).catch(() => undefined);
    for (const deadline = Date.now() + 300_000; ; await sleep(1_000)) {
      const apps = (await kube.get(APP('app-of-apps'))) || (await kube.get(APP('mayastor')));
      if (!apps) await kube.delete(CRD).catch(() => undefined);
      if (!apps && !(await kube.get(CRD)) && !(await kube.get(NS))) break;
      if (Date.now() > deadline) throw new Error(`round ${round}: the app-of-apps, mayastor, the DiskPool CRD or namespace openebs still there after 5 minutes`);
    }
  }
} finally {
  await world.stop();
}
const unsettled = rows.filter((r) => r.atEnd.mayastor !== 'Synced/Healthy').length;
const dirty = rows.filter((r) => r.plan !== 0).length;
console.log(`${bin}: ${rows.length} rounds; mayastor not Synced/Healthy when the apply returned: ${unsettled}; plan right after not clean: ${dirty}`);
