import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** An Argo CD Application's `spec.source` for a folder of plain manifests in git. */
export interface DirectorySource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  directory?: { recurse?: boolean };
}

/** Nothing can be fetched here, so the stand-in reads local repositories only, as a `file://` URL. */
function localRepo(repoURL: string): string {
  if (!repoURL.startsWith('file://')) throw new Error(`repository not accessible: ${repoURL}: the stand-in reads only file:// repositories`);
  return fileURLToPath(repoURL);
}

/** Runs git in `repo`; a failure says which command failed and git's own words. */
export async function git(repo: string, args: string[]): Promise<string> {
  try {
    return (await run('git', ['-C', repo, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (e) {
    throw new Error(`git ${args[0]} in ${repo}: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`);
  }
}

/** The commit `targetRevision` (branch, tag, commit; default HEAD) names now, as Argo CD's repo server resolves it. */
export async function resolveRevision(source: DirectorySource): Promise<string> {
  const revision = source.targetRevision || 'HEAD';
  try {
    return (await git(localRepo(source.repoURL), ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim();
  } catch (e) {
    if ((e as Error).message.startsWith('repository not accessible')) throw e;
    throw new Error(`unable to resolve '${revision}' to a commit SHA in ${source.repoURL}`);
  }
}

/**
 * The manifests of a directory source at `revision`, as Argo CD renders a plain directory:
 * every .yaml/.yml/.json file under `path` (subfolders only with `directory.recurse`), every
 * document in them, in path order.
 */
export async function readDirectorySource(source: DirectorySource, revision: string): Promise<KubernetesObject[]> {
  const repo = localRepo(source.repoURL);
  const root = (source.path ?? '').replace(/^\.\/?/, '').replace(/\/+$/, '');
  const listing = await git(repo, ['ls-tree', '-r', '--name-only', revision, '--', root || '.']);
  const all = listing.split('\n').filter(Boolean);
  if (all.length === 0) throw new Error(`${root || '.'}: app path does not exist at ${revision.slice(0, 7)} of ${source.repoURL}`);
  const files = all
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .filter((f) => source.directory?.recurse || !f.slice(root ? root.length + 1 : 0).includes('/'))
    .sort();
  const objects: KubernetesObject[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(await git(repo, ['show', `${revision}:${file}`]))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const value = doc.toJS() as KubernetesObject | null;
      if (value) objects.push(value);
    }
  }
  return objects;
}
