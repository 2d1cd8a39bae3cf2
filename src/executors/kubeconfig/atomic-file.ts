import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isCode } from '../../state/folder.js';

/**
 * Writes `file` so that a crash leaves the old or the new content, never half:
 * a temp file beside it, fsync, rename, fsync of the folder. Mode 0600 unless
 * told (kubeconfigs hold credentials), whatever the umask. The state folder's writer is not reused: it
 * makes its folders private and drops a .gitignore in them, which is right for
 * `.cto/` and wrong for `~/.kube`.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    await fs.rename(temp, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw err;
  }
  const folder = await fs.open(dir, constants.O_RDONLY);
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The file's bytes, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/** The permission bits of `file`, to write it back as it was. */
export async function modeOf(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o7777;
}

/** Where a symlinked kubeconfig really lives, so a rename replaces the target and not the link. */
export async function resolveLink(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return file;
    throw err;
  }
}
