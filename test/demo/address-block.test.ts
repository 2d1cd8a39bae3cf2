import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimAddressBlock } from '../../testenv/demo/address-block.js';

// A folder of its own: the test claims every block, which must not starve worlds of other test files.
const dir = mkdtempSync(join(tmpdir(), 'cto-blocks-'));
const claimFile = (block: number) => join(dir, String(block));

describe('loopback address blocks of parallel worlds', () => {
  it('never hands one block to two worlds, and frees it on release', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimAddressBlock(dir)));
    expect(new Set(claims.map((c) => c.block)).size).toBe(20);
    expect(readFileSync(claimFile(claims[0]!.block), 'utf8')).toBe(String(process.pid));
    await Promise.all(claims.map((c) => c.release()));
    expect(claims.some((c) => existsSync(claimFile(c.block)))).toBe(false);
  });

  it('takes over the claim of a process that is gone', async () => {
    // Every free block claimed but one, which a dead process holds: that one must be taken over.
    const held = [];
    for (;;) {
      const c = await claimAddressBlock(dir).catch(() => undefined);
      if (!c) break;
      held.push(c);
    }
    const last = held.pop()!;
    writeFileSync(claimFile(last.block), '999999999');
    const taken = await claimAddressBlock(dir);
    expect(taken.block).toBe(last.block);
    await Promise.all([...held, taken].map((c) => c.release()));
  });
});
