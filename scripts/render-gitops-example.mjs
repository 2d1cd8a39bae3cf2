// Renders examples/gitops/ (the GitOps starter tree for examples/two-node.yaml) from the sources, so it
// can never be hand-edited out of step with the renderer; test/gitops-tree/example.test.ts fails when stale.
// Node 20 can not import TypeScript, so the renderer is bundled in memory first.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const entry = `
import { writeGitopsTree } from './src/gitops-tree/write.ts';
import { join } from 'node:path';
import { EXAMPLE_TREE, loadExample } from './test/gitops-tree/example-specs.ts';
export const dir = (root: string) => join(root, EXAMPLE_TREE.dir);
export const render = (root: string) => writeGitopsTree(loadExample(join(root, EXAMPLE_TREE.spec)), dir(root), { force: true });`;

const out = await build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'render-gitops-example.ts', loader: 'ts' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  write: false,
  logLevel: 'warning',
});
// Inside node_modules so the bundle's imports of npm packages resolve.
const bundle = new URL('../node_modules/.cache/cto/render-gitops-example.mjs', import.meta.url);
await mkdir(new URL('.', bundle), { recursive: true });
await writeFile(bundle, out.outputFiles[0].text);
const { render, dir } = await import(bundle.href);
// Files the renderer no longer writes must not linger in the example.
await rm(dir(root), { recursive: true, force: true });
for (const file of await render(root)) console.log(`wrote ${file}`);
