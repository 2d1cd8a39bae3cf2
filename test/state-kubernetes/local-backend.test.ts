import { describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { LocalBackend, backendFromOptions } from '../../src/state/backend.js';
import { expectSameState, seededFolder, seededSecret, tempFolder } from './context.js';

describe('local backend', () => {
  it('is the default, and push/pull mirror folders byte for byte, leaving each side’s lock alone', async () => {
    const source = await seededFolder('local-src', seededSecret(), 64 * 1024);
    const store = await tempFolder('local-store');
    const backend = await backendFromOptions({ cluster: 'c', folder: store }, {});
    expect(backend).toBeInstanceOf(LocalBackend);
    expect(backend.location).toBe(store.dir);

    const held = await backend.lock({ command: 'cto apply', ttlMs: 60_000 });
    await store.writeAtomic('old-only', 'x');
    await backend.push(source);
    await expectSameState(source, store);
    expect(await store.exists('lock.json')).toBe(true);

    const copy = await tempFolder('local-copy');
    await backend.pull(copy);
    await expectSameState(source, copy);
    expect(await copy.exists('lock.json')).toBe(false);
    // Pulling a folder into itself changes nothing.
    await backend.pull(store);
    await expectSameState(source, store);
    await held.release();
  });

  it('lock waits with waitMs for a live holder, fails at once without it, and unlock reports the holder', async () => {
    const backend = new LocalBackend(await tempFolder('local-lock'));
    const first = await backend.lock({ command: 'cto apply', ttlMs: 60_000 });
    const refused = await backend.lock({ command: 'cto plan', ttlMs: 60_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CtoError);
    expect((refused as Error).message).toMatch(/^state is locked by .* running `cto apply` since /);

    setTimeout(() => void first.release(), 600);
    const started = Date.now();
    const second = await backend.lock({ command: 'cto plan', ttlMs: 60_000, waitMs: 10_000, pollMs: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(await backend.unlock()).toEqual(second.info);
    expect(await backend.unlock()).toBeUndefined();
  });
});
