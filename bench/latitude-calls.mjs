// Counts the Latitude API calls of a no-op observation (`cto plan` of the infrastructure
// steps when every server is already up to date) for clusters of 3, 30 and 300 servers,
// against the simulator. The count must not grow with the cluster beyond pagination:
// one paginated GET /servers shared by every step, plus one GET /plans. Writes bench/latitude.md.
//
//   node bench/latitude-calls.mjs
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModules } from '../scripts/bundle-modules.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tmp = await mkdtemp(path.join(tmpdir(), 'cto-bench-latitude-'));
const out = await bundleModules([
  "export { startSimulator } from './src/sim/index.ts';",
  "export { kinds } from './src/executors/latitude/index.ts';",
  "export { createReadCache } from './src/executors/cache.ts';",
  "export { SecretSet } from './src/spec/secrets.ts';",
  "export { StateFolder } from './src/state/folder.ts';",
  "export { Journal } from './src/state/journal.ts';",
  "export { imageTag, clusterTag, roleTag } from './src/executors/latitude/ownership.ts';",
]);
const { startSimulator, kinds, createReadCache, SecretSet, StateFolder, Journal, imageTag, clusterTag, roleTag } = await import(out);

const KEY = 'bench-key';
const CLUSTER = 'bench';
const VERSION = 'v1.13.9';
const SCHEMATIC = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';
const kind = (name) => kinds.find((k) => k.kind === name);

/** A cluster of `n` servers already deployed, tagged and up to date, plus unrelated servers in the project. */
async function world(n) {
  const sim = await startSimulator({ apiKey: KEY, timeScale: 0.0005, rateLimits: false, stock: { 'c2-small-x86': { MIA2: n + 50 } } });
  const s = sim.state;
  const tags = [clusterTag(CLUSTER), roleTag('controlplane'), roleTag('worker'), imageTag(VERSION, SCHEMATIC)].map((name) => s.createTag({ name }));
  const nodes = Array.from({ length: n }, (_, i) => (i === 0 ? { name: 'cp-0', role: 'controlplane' } : { name: `worker-${i - 1}`, role: 'worker' }));
  for (const node of nodes) {
    const server = s.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ipxe', hostname: `${CLUSTER}-${node.name}`, ipxe: 'https://x.invalid/boot' });
    server.tagIds = [tags[0].id, node.role === 'controlplane' ? tags[1].id : tags[2].id, tags[3].id];
  }
  for (let i = 0; i < 20; i++) {
    s.createServer({ project: 'cto-sim', plan: 'c2-small-x86', site: 'MIA2', operating_system: 'ubuntu_24_04_x64_lts', hostname: `other-${i}` });
  }
  while ([...s.servers.values()].some((x) => x.status !== 'on')) await new Promise((r) => setTimeout(r, 50));
  return { sim, nodes };
}

async function observeAll(sim, nodes, dir) {
  const spec = {
    metadata: { name: CLUSTER },
    spec: {
      provider: { latitude: { project: 'cto-sim', apiKey: KEY, endpoint: sim.url, billing: 'hourly' } },
      talos: { version: VERSION, schematic: SCHEMATIC },
    },
  };
  const state = new StateFolder(dir);
  const cache = createReadCache();
  const outputs = new Map();
  const ctx = {
    spec, secrets: new SecretSet(), state, journal: new Journal(state), cache, signal: new AbortController().signal,
    env: {}, progress() {}, outputOf: (id) => outputs.get(id),
  };
  const region = { id: 'region', kind: 'latitude.region', phase: 'infrastructure', dependsOn: [], desired: { auto: true, fallback: ['MIA2', 'DAL'], plans: [{ plan: 'c2-small-x86', count: nodes.length }] } };
  const servers = nodes.map((node) => ({
    id: `server/${node.name}`, kind: 'latitude.server', phase: 'infrastructure', dependsOn: ['region'], node: node.name,
    desired: { node: node.name, hostname: `${CLUSTER}-${node.name}`, role: node.role, plan: 'c2-small-x86', billing: 'hourly', talosVersion: VERSION, schematic: SCHEMATIC },
  }));
  const started = performance.now();
  const obs = await kind('latitude.region').observe(region, ctx);
  outputs.set('region', obs.value);
  const changes = [kind('latitude.region').diff(region, obs, ctx)];
  changes.push(...(await Promise.all(servers.map(async (st) => kind('latitude.server').diff(st, await kind('latitude.server').observe(st, ctx), ctx)))));
  const ms = performance.now() - started;
  const client = await cache.once('client:latitude', async () => undefined);
  await client?.close();
  return { changes, ms };
}

const rows = [];
for (const n of [3, 30, 300]) {
  const { sim, nodes } = await world(n);
  sim.state.calls.clear();
  const { changes, ms } = await observeAll(sim, nodes, path.join(tmp, `state-${n}`));
  const notNoop = changes.filter((c) => c.action !== 'noop');
  if (notNoop.length > 0) throw new Error(`expected a no-op plan for ${n} servers, got ${JSON.stringify(notNoop[0])}`);
  const calls = Object.fromEntries(sim.state.calls);
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  rows.push({ n, calls, total, ms });
  console.log(`${n} servers: ${total} API calls ${JSON.stringify(calls)} in ${ms.toFixed(0)} ms`);
  await sim.close();
}
await rm(tmp, { recursive: true, force: true });

const md = `# Latitude API calls of a no-op observation

\`node bench/latitude-calls.mjs\` — every server of the cluster exists, is tagged and \`on\`; the
project also holds 20 unrelated servers. One plan's observation of the \`region\` step and every
\`server/<node>\` step (observe + diff), against the simulator, counting the API calls it received.

| servers in the cluster | API calls | of which | observe + diff time |
|---:|---:|---|---:|
${rows.map((r) => `| ${r.n} | ${r.total} | ${Object.entries(r.calls).map(([k, v]) => `${k} ×${v}`).join(', ')} | ${r.ms.toFixed(0)} ms |`).join('\n')}

The count is constant apart from pagination: one \`GET /plans\` and one paginated
\`GET /servers?filter[project]=…\` (50 per page, so 7 pages for the 320 servers of the largest project; \`stats[total]=count\` so a smaller server-side cap
cannot truncate the list silently), shared through \`ctx.cache.once('latitude:servers', …)\` by the
region step and all server steps. Per-server polling would cost one GET per server per plan, and at
the documented 60 GET/min a 300-server plan would take five minutes of rate limit on its own.
`;
await writeFile(path.join(root, 'bench', 'latitude.md'), md);
