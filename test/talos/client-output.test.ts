import { describe, expect, it } from 'vitest';
import { parseResources, parseYamlResources } from '../../src/clients/talos/resources.js';
import { clientTagFromVersionOutput, parseTalosVersion, serverTagsFromVersionOutput, talosctlCovers } from '../../src/clients/talos/version.js';
import { withEndpoint } from '../../src/executors/talos/talosconfig.js';

describe('talosctl get output', () => {
  it('splits back-to-back indented JSON objects (talosctl -o json) and keeps braces inside strings', () => {
    const out = `{
    "node": "127.0.10.1",
    "metadata": { "namespace": "runtime", "type": "MachineStatuses.runtime.talos.dev", "id": "machine" },
    "spec": { "stage": "maintenance", "status": { "ready": false, "unmetConditions": [{ "name": "x", "reason": "a } brace \\" quote" }] } }
}
{
    "node": "127.0.10.2",
    "metadata": { "id": "machine" },
    "spec": { "stage": "running" }
}
`;
    const list = parseResources(out);
    expect(list.map((r) => (r.spec as any).stage)).toEqual(['maintenance', 'running']);
    expect((list[0]!.spec as any).status.unmetConditions[0].reason).toBe('a } brace " quote');
  });

  it('YAML output keeps the machine config text in spec', () => {
    const out = 'node: 127.0.10.1\nmetadata:\n    namespace: config\n    type: MachineConfigs.config.talos.dev\n    id: v1alpha1\nspec: |\n    version: v1alpha1\n    machine:\n        type: worker\n';
    const [r] = parseYamlResources(out);
    expect(r!.spec).toBe('version: v1alpha1\nmachine:\n    type: worker\n');
  });
});

describe('talosctl version', () => {
  it('reads the client tag', () => {
    const out = 'Client:\n\tTag:         v1.13.9\n\tSHA:         abc\n\tBuilt:       \n\tGo version:  go1.26.8\n\tOS/Arch:     linux/amd64\n';
    expect(clientTagFromVersionOutput(out)).toBe('v1.13.9');
    expect(parseTalosVersion('v1.13.9')).toEqual({ major: 1, minor: 13, patch: 9 });
    expect(parseTalosVersion('none')).toBeUndefined();
  });

  it('a talosctl covers its own and older minors only', () => {
    const v = (s: string) => parseTalosVersion(s)!;
    expect(talosctlCovers(v('v1.13.9'), v('v1.13.0'))).toBe(true);
    expect(talosctlCovers(v('v1.13.0'), v('v1.9.6'))).toBe(true);
    expect(talosctlCovers(v('v1.12.11'), v('v1.13.9'))).toBe(false);
  });
});

describe('talosconfig endpoints', () => {
  const talosconfig = 'context: demo\ncontexts:\n  demo:\n    endpoints: []\n    ca: Y2E=\n    crt: Y3J0\n    key: a2V5\n';
  it('adds control-plane addresses once, sorted, keeping the credentials', () => {
    const one = withEndpoint(talosconfig, '127.0.10.2');
    const two = withEndpoint(withEndpoint(one, '127.0.10.1'), '127.0.10.2');
    expect(two).toContain('key: a2V5');
    expect(two).toMatch(/endpoints:\n\s+- 127\.0\.10\.1\n\s+- 127\.0\.10\.2/);
    expect(withEndpoint(two, '127.0.10.1')).toBe(two);
  });
});

describe('talosctl version output of many nodes', () => {
  const block = (tag: string) => `\tTag:         ${tag}\n\tSHA:         undefined\n\tBuilt:       \n\tGo version:  go1.25.5\n\tOS/Arch:     linux/amd64\n`;
  it("reads each node's server Tag, not the client's, and leaves out a node that printed no block", () => {
    const out = `Client:\n${block('v1.13.9')}Server:\n\tNODE:        127.0.9.1\n${block('v1.12.6')}\tEnabled:     RBAC\n\tNODE:        127.0.9.3\n${block('v1.13.9')}\tEnabled:     RBAC\n`;
    expect(serverTagsFromVersionOutput(out)).toEqual(new Map([['127.0.9.1', 'v1.12.6'], ['127.0.9.3', 'v1.13.9']]));
  });

  it('reads nothing when no node answered (talosctl printed only its own block)', () => {
    expect(serverTagsFromVersionOutput(`Client:\n${block('v1.13.9')}Server:\n`).size).toBe(0);
    expect(serverTagsFromVersionOutput('').size).toBe(0);
  });
});
