import { readSpec } from '../read-spec.js';
import { StateFolder } from '../../state/folder.js';
import { breakLock } from '../../state/lock.js';

export async function unlockCommand(o: { file?: string; stateDir?: string }): Promise<number> {
  const dir = o.stateDir ?? StateFolder.forSpec(o.file!, (await readSpec(o.file)).cluster.metadata.name);
  const info = await breakLock(new StateFolder(dir));
  process.stdout.write(info ? `removed the lock held by ${info.holder}@${info.host} pid ${info.pid} (${info.command}, since ${info.startedAt})\n` : 'no lock was held\n');
  return 0;
}
