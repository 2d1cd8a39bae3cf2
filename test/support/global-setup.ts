// One real control plane for the whole test run (see testenv/README.md);
// tests reach it with inject('kubeconfigPath').
import type { TestProject } from 'vitest/node';
import { startControlPlane } from '../../testenv/controlplane.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const controlPlane = await startControlPlane();
  console.log(`[testenv] control plane up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${controlPlane.server} (${controlPlane.dir})`);
  project.provide('kubeconfigPath', controlPlane.kubeconfigPath);
  return () => controlPlane.stop();
}
