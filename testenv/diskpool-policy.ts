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
