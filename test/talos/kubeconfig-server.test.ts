import { describe, expect, it } from 'vitest';
import { reachableKubeconfig } from '../../src/executors/talos/kubeconfig-server.js';
import { loadExample } from '../support/specs.js';

const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
  - name: cto-ha
    cluster:
      server: ${server}
      certificate-authority-data: Y2E=
contexts: []
users: []
`;

describe('the kubeconfig cto keeps names a server reachable from outside the private network', () => {
  const ha = loadExample('ha.yaml').cluster;

  it('the VIP (what Talos writes as the cluster endpoint) becomes cp-0\'s public address', () => {
    const out = reachableKubeconfig(kubeconfig('https://10.8.0.100:6443'), ha, '198.51.100.10');
    expect(out).toContain('server: https://198.51.100.10:6443');
    expect(out).toContain('certificate-authority-data: Y2E=');
  });

  it('cp-0\'s private address too, when there is no VIP', () => {
    const noVip = loadExample('two-node.yaml').cluster;
    expect(reachableKubeconfig(kubeconfig('https://10.8.0.1:6443'), noVip, '198.51.100.10')).toContain('server: https://198.51.100.10:6443');
  });

  it('any other server, and a DNS endpoint, are left as they are', () => {
    const other = kubeconfig('https://127.0.0.1:34567');
    expect(reachableKubeconfig(other, ha, '198.51.100.10')).toBe(other);
    const dns = loadExample('ha.yaml', (t) => t.replace('  access:', '  controlPlane:\n    endpoint: k8s.example.net\n  access:')).cluster;
    const vip = kubeconfig('https://10.8.0.100:6443');
    expect(reachableKubeconfig(vip, dns, '198.51.100.10')).toBe(vip);
  });
});
