// The stand-in for Mayastor's refusal of DiskPools on kernel device names (see the fixture's
// comment): a ValidatingAdmissionPolicy the real kube-apiserver enforces.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeApi } from '../src/clients/kube/api.js';
import { parseManifests } from '../src/clients/kube/object.js';
import { applyObjects, planObjects } from '../src/clients/kube/objects.js';

export const DISKPOOL_POLICY = 'test/fixtures/platform/diskpool-devlink-policy.yaml';

/** Applies the policy and its binding; the API server enforces it once the DiskPool CRD is served. */
export async function applyDiskPoolPolicy(kubeconfigPath: string, repoRoot: string): Promise<void> {
  const kube = await KubeApi.connect(kubeconfigPath);
  const objects = parseManifests(await readFile(join(repoRoot, DISKPOOL_POLICY), 'utf8'), DISKPOOL_POLICY);
  const opts = { stepId: 'testenv/diskpool-policy', cluster: 'testenv' };
  await applyObjects(kube, await planObjects(kube, objects, opts), { ...opts, signal: AbortSignal.timeout(60_000) });
}

/**
 * Waits until the API server enforces the policy (it loads new policies asynchronously): a dry-run
 * DiskPool on a kernel name is refused. Needs the DiskPool CRD served. Returns the refusal.
 */
export async function diskPoolPolicyEnforced(kubeconfigPath: string, timeoutMs = 60_000): Promise<string> {
  const kube = await KubeApi.connect(kubeconfigPath);
  const probe = { apiVersion: 'openebs.io/v1beta3', kind: 'DiskPool', metadata: { name: 'policy-probe', namespace: 'openebs' }, spec: { node: 'probe', disks: ['/dev/nvme1n1'] } };
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
    try {
      await kube.apply(probe, { dryRun: true });
    } catch (err) {
      const message = (err as Error).message;
      if (message.includes('diskpool-persistent-devlink')) return message;
      throw err;
    }
  }
  throw new Error(`the DiskPool policy is not enforced after ${timeoutMs / 1000} s`);
}
