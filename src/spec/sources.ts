import { dirname, isAbsolute, resolve } from 'node:path';
import type { Cluster } from './types.gen.js';

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/**
 * Local chart and manifest paths in a spec are relative to the spec file, as a reviewer reads them,
 * not to wherever `cto` happens to run. Mutates and returns the spec.
 */
export function resolveLocalSources(cluster: Cluster, specFile: string): Cluster {
  const base = dirname(resolve(specFile));
  const local = (p: string | undefined) => (p === undefined || isUrl(p) || isAbsolute(p) || p.startsWith('~') ? p : resolve(base, p));
  const { cilium, localPathProvisioner, argocd } = cluster.spec.platform;
  const chart = local(cilium.chart);
  if (chart) cilium.chart = chart;
  const lpp = local(localPathProvisioner.manifest);
  if (lpp) localPathProvisioner.manifest = lpp;
  const acd = local(argocd.manifest);
  if (acd) argocd.manifest = acd;
  return cluster;
}
