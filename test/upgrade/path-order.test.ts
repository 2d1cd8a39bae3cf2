// The pure parts of day-2 upgrades: the upgrade path, the rolling order, the gates' verdicts and the plan's words.
import { describe, expect, it } from 'vitest';
import { parseVolumes, unhealthyVolumes } from '../../src/clients/mayastor/volumes.js';
import { serverTagFromVersionOutput } from '../../src/clients/talos/version.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { kubernetesChange } from '../../src/executors/talos/kubernetes-upgrade.js';
import { quorumWithout, volumeCheck } from '../../src/executors/talos/upgrade-gates.js';
import { kubernetesPath, talosPath, talosRunsKubernetes } from '../../src/executors/talos/upgrade-path.js';
import { upgradeChange, type UpgradeDesired } from '../../src/executors/talos/upgrade.js';
import { configField, withFieldsFrom } from '../../src/executors/talos/version-fields.js';
import type { ClusterNode } from '../../src/planner/nodes.js';
import { PLAN_FORMAT_VERSION, summarize, type Plan } from '../../src/planner/plan.js';
import { renderPlanMarkdown } from '../../src/cli/render/plan-markdown.js';
import { upgradeOrder } from '../../src/planner/upgrade-order.js';

const schematic = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';

describe('Talos upgrade path', () => {
  it('goes through the latest patch of the running minor, then straight to the target', () => {
    expect(talosPath('v1.12.6', 'v1.13.9')).toEqual({ ok: true, hops: ['v1.12.11', 'v1.13.9'], downgrade: false });
    expect(talosPath('v1.12.11', 'v1.13.9')).toEqual({ ok: true, hops: ['v1.13.9'], downgrade: false });
    expect(talosPath('v1.13.2', 'v1.13.9')).toEqual({ ok: true, hops: ['v1.13.9'], downgrade: false });
    expect(talosPath('v1.13.9', 'v1.13.9')).toEqual({ ok: true, hops: [], downgrade: false });
  });

  it('goes through the latest patch of every minor in between, one minor at a time', () => {
    expect(talosPath('v1.10.3', 'v1.13.9')).toEqual({ ok: true, hops: ['v1.10.9', 'v1.11.6', 'v1.12.11', 'v1.13.9'], downgrade: false });
    expect(talosPath('v1.9.2', 'v1.11.6')).toEqual({ ok: true, hops: ['v1.9.6', 'v1.10.9', 'v1.11.6'], downgrade: false });
    expect(talosPath('v1.11.6', 'v1.12.11')).toEqual({ ok: true, hops: ['v1.12.11'], downgrade: false });
    expect(talosPath('v1.10.9', 'v1.11.2')).toEqual({ ok: true, hops: ['v1.11.2'], downgrade: false });
  });

  it('refuses a route through a minor whose latest patch it does not know', () => {
    const r = talosPath('v1.8.3', 'v1.13.9');
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('goes through v1.8') });
  });

  it('flags a downgrade as one hop', () => {
    expect(talosPath('v1.13.9', 'v1.12.11')).toEqual({ ok: true, hops: ['v1.12.11'], downgrade: true });
  });
});

describe('Kubernetes upgrade path', () => {
  it('moves one minor at a time and refuses a skipped minor, naming it', () => {
    expect(kubernetesPath('1.35.4', '1.36.3')).toEqual({ ok: true, hops: ['1.36.3'], downgrade: false });
    expect(kubernetesPath('1.34.1', '1.36.3')).toMatchObject({ ok: false, reason: expect.stringContaining('skips minor 1.35') });
    expect(kubernetesPath('1.36.3', '1.35.4')).toMatchObject({ ok: false, reason: expect.stringContaining('downgrade') });
  });

  it("knows which Kubernetes each Talos minor runs (Talos' compatibility tables)", () => {
    expect(talosRunsKubernetes('v1.12.11', '1.35.4')).toBe(true);
    expect(talosRunsKubernetes('v1.12.11', '1.36.3')).toBe(false);
    expect(talosRunsKubernetes('v1.13.9', '1.30.1')).toBe(false);
  });
});

const node = (name: string, role: ClusterNode['role']): ClusterNode => ({ name, role, plan: 'p', hostname: `c-${name}`, storage: role === 'worker' });

describe('rolling order', () => {
  const nodes = [node('cp-0', 'controlplane'), node('cp-1', 'controlplane'), node('cp-2', 'controlplane'), node('worker-0', 'worker'), node('worker-1', 'worker'), node('worker-2', 'worker')];

  it('chains control planes, then runs workers in maxUnavailable lanes after the last control plane', () => {
    const one = upgradeOrder(nodes, 1);
    expect(Object.fromEntries(one)).toEqual({
      'cp-0': [],
      'cp-1': ['talos/upgrade/cp-0'],
      'cp-2': ['talos/upgrade/cp-1'],
      'worker-0': ['talos/upgrade/cp-2'],
      'worker-1': ['talos/upgrade/worker-0'],
      'worker-2': ['talos/upgrade/worker-1'],
    });
    const two = upgradeOrder(nodes, 2);
    expect(two.get('worker-0')).toEqual(['talos/upgrade/cp-2']);
    expect(two.get('worker-1')).toEqual(['talos/upgrade/cp-2']);
    expect(two.get('worker-2')).toEqual(['talos/upgrade/worker-0']);
  });
});

describe('gates', () => {
  it('etcd quorum without a member', () => {
    expect(quorumWithout(3, 2)).toBe(true);
    expect(quorumWithout(3, 1)).toBe(false);
    expect(quorumWithout(2, 1)).toBe(false);
    expect(quorumWithout(5, 3)).toBe(true);
  });

  it('waits for a degraded or rebuilding Mayastor volume, naming it', () => {
    const volumes = parseVolumes([
      { spec: { uuid: 'a' }, state: { uuid: 'a', status: 'Online', replica_topology: { r1: {} } } },
      { spec: { uuid: 'b' }, state: { uuid: 'b', status: 'Degraded' } },
      { spec: { uuid: 'c' }, state: { uuid: 'c', status: 'Online', target: { children: [{ state: 'Degraded', rebuild_progress: 40 }] } } },
    ]);
    expect(unhealthyVolumes(volumes).map((v) => v.id)).toEqual(['b', 'c']);
    expect(volumeCheck(volumes)).toEqual({ done: false, message: 'waiting for b Degraded, c rebuilding' });
    expect(volumeCheck(volumes.slice(0, 1))).toMatchObject({ done: true });
    expect(volumeCheck(undefined)).toMatchObject({ done: true });
  });
});

const desired: UpgradeDesired = { node: 'worker-0', hostname: 'c-worker-0', role: 'worker', storage: false, version: 'v1.13.9', schematic, order: 'control planes one at a time (1), then workers, 1 at a time (2)' };
const step = { id: 'talos/upgrade/worker-0', kind: 'talos.upgrade', phase: 'talos' as const, dependsOn: [], desired };

describe('plan of a node upgrade', () => {
  it('lists the intermediate versions and the gates', () => {
    const change = upgradeChange(step, { state: 'present', value: { address: '10.0.0.2', talos: 'v1.12.6', schematic, kubelet: '1.35.4' } });
    expect(change).toMatchObject({ action: 'update', reason: expect.stringContaining('upgrade Talos in place v1.12.6 → v1.13.9 via v1.12.11') });
    expect(change.destructive).toBeUndefined();
    expect(change.notes).toContain('upgrade path: v1.12.6 → v1.12.11 → v1.13.9 (the latest patch of each minor)');
    expect(change.fields).toEqual([{ path: 'talos.version', before: 'v1.12.6', after: 'v1.13.9' }]);
  });

  it('shows every hop of a route through v1.10 and v1.11 in the pull-request comment', () => {
    const change = upgradeChange(step, { state: 'present', value: { address: '10.0.0.2', talos: 'v1.10.3', schematic, kubelet: '1.31.4' } });
    const steps = [{ ...step, node: 'worker-0', destructive: false, observed: 'present' as const, fingerprint: 'f', ...change, notes: change.notes ?? [] }];
    const plan: Plan = { formatVersion: PLAN_FORMAT_VERSION, tool: { name: 'cto', version: '0' }, cluster: 'c', specFile: 'c.yaml', specHash: 'h', observedFingerprint: 'o', createdAt: '2026-12-08T00:00:00Z', allowDestroy: false, steps, summary: summarize(steps) };
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('talos/upgrade/worker-0: update: upgrade Talos in place v1.10.3 → v1.13.9 via v1.10.9, v1.11.6, v1.12.11');
    expect(md).toContain('note: upgrade path: v1.10.3 → v1.10.9 → v1.11.6 → v1.12.11 → v1.13.9 (the latest patch of each minor)');
  });

  it('is a no-op on a node at the spec version, and destructive for a downgrade', () => {
    expect(upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.13.9', schematic } }).action).toBe('noop');
    expect(upgradeChange({ ...step, desired: { ...desired, version: 'v1.12.11' } }, { state: 'present', value: { address: 'x', talos: 'v1.13.9', schematic, kubelet: '1.35.4' } })).toMatchObject({ destructive: true });
  });

  it('rolls out a config change that needs a reboot like an upgrade, before the upgrade on the same node', () => {
    const config = [{ path: 'machine.env.FOO', after: 'bar' }];
    const only = upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.13.9', schematic, config } });
    expect(only).toMatchObject({ action: 'update', fields: config, reason: 'apply config changes that need a reboot (1 field; talosctl apply-config --mode reboot)' });
    expect(only.notes![0]).toMatch(/^gated and drained: control planes one at a time .* rebooted, back on its new config and Ready, uncordoned$/);
    const both = upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.13.8', schematic, kubelet: '1.36.3', config } });
    expect(both.reason).toMatch(/^apply config changes that need a reboot \(1 field; talosctl apply-config --mode reboot\), then upgrade Talos in place v1.13.8 → v1.13.9/);
    expect(both.fields.map((f) => f.path)).toEqual(['machine.env.FOO', 'talos.version']);
  });

  it('uncordons a node an interrupted apply left cordoned, and leaves alone one it did not cordon', () => {
    expect(upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.13.9', schematic, cordoned: true } })).toMatchObject({ action: 'update', reason: expect.stringMatching(/^uncordon c-worker-0: an interrupted apply left it cordoned/) });
    expect(upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.13.9', schematic } }).action).toBe('noop');
  });

  it('refuses a Talos hop that cannot run the Kubernetes the node runs', () => {
    expect(() => upgradeChange(step, { state: 'present', value: { address: 'x', talos: 'v1.12.11', schematic, kubelet: '1.30.2' } })).toThrow(/Talos v1.13.9 does not run Kubernetes 1.30.2/);
  });
});

describe('plan of the Kubernetes upgrade', () => {
  const k = { id: 'kubernetes/upgrade', kind: 'kubernetes.upgrade', phase: 'talos' as const, dependsOn: [], desired: { version: '1.36.3', nodes: [] } };
  it('names every node behind and refuses a skipped minor as a positioned error', () => {
    const change = kubernetesChange(k, { state: 'present', value: { nodes: [{ node: 'cp-0', role: 'controlplane', kubelet: '1.35.4', apiServer: '1.35.4' }, { node: 'worker-0', role: 'worker', kubelet: '1.36.3' }] } }, 'v1.13.9');
    expect(change).toMatchObject({ action: 'update', fields: [{ path: 'kubernetes.cp-0', before: '1.35.4', after: '1.36.3' }] });
    let err: unknown;
    try {
      kubernetesChange(k, { state: 'present', value: { nodes: [{ node: 'cp-0', role: 'controlplane', kubelet: '1.34.1', apiServer: '1.34.1' }] } }, 'v1.13.9');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CtoError);
    expect((err as CtoError).diagnostics[0]).toMatchObject({ path: 'spec.talos.kubernetesVersion', message: expect.stringContaining('skips minor 1.35') });
  });
});

describe('version fields', () => {
  it('takes the versions from the running config, keeping everything else', () => {
    const rendered = 'version: v1alpha1\nmachine:\n  install:\n    image: f/installer/x:v1.13.9\n  kubelet:\n    image: ghcr.io/siderolabs/kubelet:v1.36.3\n  sysctls:\n    a: "2"\n';
    const running = 'version: v1alpha1\nmachine:\n  install:\n    image: f/installer/x:v1.12.6\n  kubelet:\n    image: ghcr.io/siderolabs/kubelet:v1.35.4\n';
    const pinned = withFieldsFrom(rendered, running, ['machine.install.image', 'machine.kubelet.image']);
    expect(configField(pinned, 'machine.install.image')).toBe('f/installer/x:v1.12.6');
    expect(configField(pinned, 'machine.kubelet.image')).toBe('ghcr.io/siderolabs/kubelet:v1.35.4');
    expect(configField(pinned, 'machine.sysctls.a')).toBe('2');
  });

  it("reads the server's tag from talosctl version", () => {
    expect(serverTagFromVersionOutput('Client:\n\tTag:         v1.13.9\nServer:\n\tNODE:        1.2.3.4\n\tTag:         v1.12.6\n')).toBe('v1.12.6');
  });
});
