import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from '../../src/state/pid-alive.js';

/**
 * Claims one of the loopback blocks `127.<n>.0.0/16` for a world's simulated nodes, across every
 * process on the machine: test files run worlds in parallel, and two nodes on one address would
 * answer for each other. A claim is a file created with O_EXCL holding the owner's pid; the claim
 * of a process that died is taken over.
 */
export async function claimAddressBlock(dir = join(tmpdir(), 'cto-address-blocks')): Promise<{ block: number; release(): Promise<void> }> {
  await fs.mkdir(dir, { recursive: true });
  const start = Math.floor(Math.random() * 250);
  for (let i = 0; i < 250; i++) {
    const block = 1 + ((start + i) % 250);
    const file = join(dir, String(block));
    if (!(await createOrTakeOver(file))) continue;
    return { block, release: () => fs.rm(file, { force: true }) };
  }
  throw new Error(`every loopback address block is claimed by a running world (see ${dir})`);
}

async function createOrTakeOver(file: string): Promise<boolean> {
  try {
    await fs.writeFile(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const owner = Number(await fs.readFile(file, 'utf8').catch(() => ''));
  if (owner && pidAlive(owner)) return false;
  await fs.rm(file, { force: true });
  return createOrTakeOver(file);
}
