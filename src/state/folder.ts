import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CtoError } from '../diagnostics/error.js';
import { checkStateName, isSecretName } from './names.js';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * The local state of one cluster: what cannot be observed from the live world
 * (Talos secrets, talosconfig, kubeconfig, the journal, the lock). Every write
 * is atomic so a crash leaves either the old or the new file, never half of one.
 */
export class StateFolder {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** `.cto/<cluster>/` beside the spec file. */
  static forSpec(specPath: string, cluster: string): string {
    checkStateName(cluster);
    if (cluster.includes('/')) {
      throw new CtoError({ severity: 'error', message: `invalid cluster name ${JSON.stringify(cluster)} for a state folder` });
    }
    return path.join(path.dirname(path.resolve(specPath)), '.cto', cluster);
  }

  path(name: string): string {
    return path.join(this.dir, ...checkStateName(name));
  }

  async read(name: string): Promise<Buffer | undefined> {
    const file = this.path(name);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (err) {
      if (isCode(err, 'ENOENT')) return undefined;
      throw err;
    }
    try {
      if (isSecretName(name)) {
        const { mode } = await handle.stat();
        if (mode & 0o077) {
          throw new CtoError({
            severity: 'error',
            message: `${file} holds cluster secrets but is readable by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`,
            hint: `run \`chmod 600 ${file}\` and check who could have read it`,
          });
        }
      }
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async writeAtomic(name: string, data: string | Buffer): Promise<void> {
    const file = this.path(name);
    const dir = path.dirname(file);
    await this.#ensureDir(dir);
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      await fs.rename(temp, file);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
    await syncDir(dir);
  }

  /** Appends one durable record (the journal's lines); the file is created 0600. */
  async append(name: string, data: string): Promise<void> {
    const file = this.path(name);
    await this.#ensureDir(path.dirname(file));
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /**
   * Creates `name` only if it does not exist yet, atomically and with its full
   * content (write a temp file, then hard-link it into place): the lock's
   * O_EXCL. Returns false when the file already exists.
   */
  async createExclusive(name: string, data: string): Promise<boolean> {
    const file = this.path(name);
    const dir = path.dirname(file);
    await this.#ensureDir(dir);
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    await fs.writeFile(temp, data, { mode: FILE_MODE, flag: 'wx' });
    try {
      const handle = await fs.open(temp, constants.O_RDONLY);
      await handle.sync().finally(() => handle.close());
      await fs.link(temp, file);
    } catch (err) {
      if (isCode(err, 'EEXIST')) return false;
      throw err;
    } finally {
      await fs.rm(temp, { force: true });
    }
    await syncDir(dir);
    return true;
  }

  async exists(name: string): Promise<boolean> {
    try {
      await fs.lstat(this.path(name));
      return true;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async remove(name: string): Promise<void> {
    const file = this.path(name);
    await fs.rm(file, { force: true });
    await syncDir(path.dirname(file)).catch((err) => {
      if (!isCode(err, 'ENOENT')) throw err;
    });
  }

  /** Every state file, as names relative to the folder, sorted; bookkeeping dot-files are left out. */
  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(path.join(this.dir, rel), { withFileTypes: true });
      } catch (err) {
        if (isCode(err, 'ENOENT')) return;
        throw err;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const name = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(name);
        else if (entry.isFile()) out.push(name);
      }
    };
    await walk('');
    return out.sort();
  }

  /** mkdir -p with 0700 on every level we create, plus a .gitignore so state never lands in a commit. */
  async #ensureDir(dir: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
    // mkdir's mode is filtered by the umask; state directories must be private regardless.
    for (let d = dir; d.startsWith(this.dir); d = path.dirname(d)) {
      await fs.chmod(d, DIR_MODE);
      if (d === this.dir) break;
    }
    await fs.writeFile(path.join(this.dir, '.gitignore'), '*\n', { mode: FILE_MODE, flag: 'wx' }).catch((err) => {
      if (!isCode(err, 'EEXIST')) throw err;
    });
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
