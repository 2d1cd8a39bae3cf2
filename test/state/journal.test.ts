import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';
import { bundleState, stateChild } from './state-child.js';

let folder: StateFolder;

beforeEach(async () => {
  folder = new StateFolder(path.join(await mkdtemp(path.join(tmpdir(), 'cto-journal-')), 'state'));
});

describe('Journal', () => {
  it('lists intents begun and not completed, per step', async () => {
    const journal = new Journal(folder);
    const a = await journal.begin('server/worker-1', 'create', { hostname: 'demo-worker-1' });
    const b = await journal.begin('server/worker-2', 'create', { hostname: 'demo-worker-2' });
    await journal.complete(a, { id: 'sv_1' });
    expect((await journal.pending()).map((i) => i.id)).toEqual([b]);
    expect(await journal.pending('server/worker-1')).toEqual([]);
    expect(await journal.pending('server/worker-2')).toMatchObject([{ id: b, stepId: 'server/worker-2', action: 'create', details: { hostname: 'demo-worker-2' } }]);
  });

  it('a crash between begin and complete leaves the intent pending for the next run', async () => {
    const before = new Journal(folder, () => 1_000);
    await before.begin('server/cp-0', 'create', { hostname: 'demo-cp-0' });
    // the process dies here; a new run opens the same folder
    const after = new Journal(folder);
    expect(await after.pending('server/cp-0')).toEqual([
      { id: expect.any(String), stepId: 'server/cp-0', action: 'create', details: { hostname: 'demo-cp-0' }, at: 1_000 },
    ]);
  });

  it('an intent begun by a process killed before completing it is pending for the next run', async () => {
    const { child, line } = await stateChild(
      await bundleState(),
      `const journal = new Journal(new StateFolder(${JSON.stringify(folder.dir)}));
      const done = await journal.begin('server/cp-0', 'create', { hostname: 'demo-cp-0' });
      await journal.complete(done, { id: 'sv_1' });
      console.log(await journal.begin('server/worker-0', 'create', { hostname: 'demo-worker-0' }));`,
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await new Journal(folder).pending()).toMatchObject([{ id: line, stepId: 'server/worker-0', action: 'create', details: { hostname: 'demo-worker-0' } }]);
  });

  it('survives a torn last line and keeps appending readable records after it', async () => {
    const first = new Journal(folder);
    const a = await first.begin('talos/bootstrap', 'bootstrap', {});
    await appendFile(folder.path('journal.jsonl'), '{"op":"complete","id":"' + a.slice(0, 8)); // torn write
    const second = new Journal(folder);
    expect((await second.pending()).map((i) => i.id)).toEqual([a]);
    const b = await second.begin('kubernetes/api', 'fetch-kubeconfig', {});
    await second.complete(a);
    expect((await second.pending()).map((i) => i.id)).toEqual([b]);
    const lines = (await readFile(folder.path('journal.jsonl'), 'utf8')).split('\n');
    expect(lines[1]).toMatch(/^\{"op":"complete","id":"[0-9a-f-]{8}$/);
    expect(lines.filter((l) => l.startsWith('{"op"')).length).toBe(4);
  });

  it('serialises concurrent appends into whole lines', async () => {
    const journal = new Journal(folder);
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => journal.begin(`server/worker-${i}`, 'create', { i })));
    await Promise.all(ids.slice(0, 25).map((id) => journal.complete(id)));
    expect((await journal.pending()).map((i) => i.id).sort()).toEqual(ids.slice(25).sort());
    const text = await readFile(folder.path('journal.jsonl'), 'utf8');
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('Journal.compact', () => {
  it('keeps only pending intents, drops torn lines, and the journal stays usable', async () => {
    const journal = new Journal(folder);
    const done = await journal.begin('server/cp-0', 'create', {});
    await journal.complete(done);
    const open = await journal.begin('server/worker-0', 'create', { hostname: 'demo-worker-0' });
    await appendFile(folder.path('journal.jsonl'), '{"op":"beg');
    const before = await journal.pending();
    await new Journal(folder).compact();
    const text = await readFile(folder.path('journal.jsonl'), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(await new Journal(folder).pending()).toEqual(before);
    await journal.complete(open);
    expect(await journal.pending()).toEqual([]);
  });
});
