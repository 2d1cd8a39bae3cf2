import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isCode } from '../state/folder.js';

/** Every YAML file below `root`, as paths relative to it, sorted; dot-folders (`.git`) are skipped. */
export async function yamlFilesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(name);
    }
  };
  await walk('');
  return out.sort();
}

export async function kindOfPath(p: string): Promise<'directory' | 'file' | 'missing'> {
  try {
    return (await fs.stat(p)).isDirectory() ? 'directory' : 'file';
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return 'missing';
    throw err;
  }
}
