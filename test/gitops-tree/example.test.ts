import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGitopsTree } from '../../src/gitops-tree/check.js';
import { renderGitopsTree } from '../../src/gitops-tree/render.js';
import { EXAMPLE_TREE, loadExample, REPO_ROOT } from './example-specs.js';

function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)],
  );
}

describe(`${EXAMPLE_TREE.dir}/`, () => {
  const spec = loadExample(path.join(REPO_ROOT, EXAMPLE_TREE.spec));
  const dir = path.join(REPO_ROOT, EXAMPLE_TREE.dir);
  const stale = `${EXAMPLE_TREE.dir}/ is stale: run \`node scripts/render-gitops-example.mjs\` and commit the result`;

  it(`is exactly the tree rendered for ${EXAMPLE_TREE.spec}`, () => {
    const rendered = renderGitopsTree(spec);
    expect(filesUnder(dir).sort(), stale).toEqual(rendered.map((f) => f.path).sort());
    for (const f of rendered) expect(readFileSync(path.join(dir, f.path), 'utf8'), `${stale} (${f.path})`).toBe(f.content);
  });

  it('passes the checker', async () => {
    expect(await checkGitopsTree(spec, dir)).toEqual([]);
  });
});
