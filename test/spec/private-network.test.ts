import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../src/spec/cidr.js';
import { loadSpec } from '../../src/spec/load.js';
import { nodePrivateAddress, privateAddress } from '../../src/spec/private-network.js';
import { repoRoot, runCto, TEST_ENV } from '../support/cli.js';

const twoNode = readFileSync(join(repoRoot, 'examples/two-node.yaml'), 'utf8');

/** two-node.yaml with the network block, access block and control-plane count given. */
function spec(o: { network?: string; access?: string; controlPlane?: string; cp?: number }): string {
  let text = twoNode.replace(/controlPlane: \{ count: \d+,/, `controlPlane: { count: ${o.cp ?? 1},`);
  text = text.replace(/  network:\n(    .*\n)*/, `  network:\n    podCIDR: 10.244.0.0/16\n    serviceCIDR: 10.96.0.0/12\n${o.network ?? ''}`);
  text = text.replace(/  access:\n(    .*\n)*/, '').replace(/  controlPlane:\n(    .*\n)*/, '');
  text = text.replace('  gitops:\n', `${o.access ?? ''}${o.controlPlane ?? ''}  gitops:\n`);
  return text;
}

const diagnostics = (text: string) => loadSpec(text, 'cluster.yaml', TEST_ENV).diagnostics;
const warnings = (text: string) => diagnostics(text).filter((d) => d.severity === 'warning');

describe('private addresses', () => {
  const subnet = parseCidr('10.8.0.0/24')!;
  it('control planes count up from the first host address, workers down from the last', () => {
    expect(['controlplane', 'controlplane', 'worker', 'worker'].map((r, i) => privateAddress(subnet, r as 'controlplane', i % 2))).toEqual([
      '10.8.0.1',
      '10.8.0.2',
      '10.8.0.254',
      '10.8.0.253',
    ]);
  });
  it('a subnet without room gives no address', () => expect(privateAddress(parseCidr('10.8.0.0/30')!, 'worker', 2)).toBeUndefined());
  it('scaling the control plane never renumbers a worker', () => {
    const one = loadSpec(spec({ network: '    private: { subnet: 10.8.0.0/24 }\n', cp: 1 }), 'a.yaml', TEST_ENV).spec!;
    const three = loadSpec(spec({ network: '    private: { subnet: 10.8.0.0/24 }\n', cp: 3 }), 'b.yaml', TEST_ENV).spec!;
    expect(nodePrivateAddress(one.cluster, 'worker-0')).toBe('10.8.0.254');
    expect(nodePrivateAddress(three.cluster, 'worker-0')).toBe('10.8.0.254');
    expect(nodePrivateAddress(three.cluster, 'cp-2')).toBe('10.8.0.3');
  });
});

describe('private network, endpoint and admin networks in the spec', () => {
  it('a spec with a subnet, a VIP and admin networks loads without a problem', () => {
    const text = spec({ network: '    private: { subnet: 10.8.0.0/24, vip: 10.8.0.100 }\n', access: '  access:\n    adminCIDRs: [203.0.113.7/32]\n', cp: 3 });
    expect(diagnostics(text)).toEqual([]);
  });

  it('warns, positioned, when the admin networks are the whole internet', () => {
    const text = spec({ network: '    private: { subnet: 10.8.0.0/24 }\n', access: '  access:\n    adminCIDRs: [0.0.0.0/0]\n' });
    const [w, ...rest] = warnings(text);
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ path: 'spec.access.adminCIDRs[0]', message: expect.stringContaining('whole internet') });
    expect(text.split('\n')[w!.line! - 1]).toContain('0.0.0.0/0');
  });

  it('warns when more than one control plane has neither an endpoint nor a VIP, and not otherwise', () => {
    expect(warnings(spec({ cp: 3 })).map((d) => d.message)).toEqual([expect.stringContaining('it dies with cp-0')]);
    expect(warnings(spec({ cp: 1 }))).toEqual([]);
    expect(warnings(spec({ cp: 3, network: '    private: { subnet: 10.8.0.0/24, vip: 10.8.0.100 }\n' }))).toEqual([]);
    expect(warnings(spec({ cp: 3, controlPlane: '  controlPlane:\n    endpoint: k8s.example.com\n' }))).toEqual([]);
  });

  it('`cto plan` and `cto validate` print the warning and go on', async () => {
    const r = await runCto(['validate', '-f', '-'], { env: TEST_ENV, input: spec({ cp: 3 }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+: warning: .*dies with cp-0/m);
  });
});
