// cto's default versions fit together, by the upstream projects' own word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upstreamFile } from '../../testenv/upstream.js';
import { testCluster } from './context.js';

describe('default versions', () => {
  it('pins a Cilium release that is e2e-tested on the default Kubernetes version', () => {
    const { cluster } = testCluster('versions');
    // Documentation/network/kubernetes/requirements.rst of the pinned release: "* 1.33" … one line per minor.
    const tested = [...readFileSync(upstreamFile('cilium', 'requirements.rst'), 'utf8').matchAll(/^\* (1\.\d+)$/gm)].map((m) => m[1]);
    expect(tested.length).toBeGreaterThan(0);
    const minor = cluster.spec.talos.kubernetesVersion.split('.').slice(0, 2).join('.');
    expect(tested, `Cilium ${cluster.spec.platform.cilium.version} is tested on ${tested.join(', ')}`).toContain(minor);
  });
});
