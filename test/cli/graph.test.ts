import { describe, expect, it } from 'vitest';
import { runCto, TEST_ENV } from '../support/cli.js';

describe('cto graph', () => {
  it('text lists steps in a valid order', async () => {
    const r = await runCto(['graph', '-f', 'examples/two-node.yaml'], { env: TEST_ENV });
    expect(r.code).toBe(0);
    const order = r.stdout.trim().split('\n').map((l) => l.split(/\s/)[0]!);
    for (const line of r.stdout.trim().split('\n')) {
      const [id, deps] = line.split('  ← ');
      for (const d of deps?.split(', ') ?? []) expect(order.indexOf(d)).toBeLessThan(order.indexOf(id!.trim()));
    }
  });

  it('mermaid is a flowchart with an edge per dependency', async () => {
    const r = await runCto(['graph', '-f', 'examples/two-node.yaml', '--format', 'mermaid'], { env: TEST_ENV });
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('["server/cp-0"]');
    const dot = await runCto(['graph', '-f', 'examples/two-node.yaml', '--format', 'dot'], { env: TEST_ENV });
    expect(r.stdout.match(/-->/g)!.length).toBe(dot.stdout.match(/->/g)!.length);
  });

  it('dot is a digraph', async () => {
    const r = await runCto(['graph', '-f', 'examples/two-node.yaml', '--format', 'dot'], { env: TEST_ENV });
    expect(r.stdout).toContain('"kubernetes/api" -> "platform/cilium";');
  });

  it('an unknown format is an error', async () => {
    const r = await runCto(['graph', '-f', 'examples/two-node.yaml', '--format', 'svg'], { env: TEST_ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown graph format "svg"');
  });

  it('prints the schema and the version', async () => {
    const s = await runCto(['schema']);
    expect(JSON.parse(s.stdout).$id).toContain('cluster.schema.json');
    expect((await runCto(['--version'])).stdout).toMatch(/\d+\.\d+\.\d+/);
  });
});
