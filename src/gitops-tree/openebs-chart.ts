/**
 * The OpenEBS umbrella chart that carries Replicated PV Mayastor. Its version is
 * not here: it is pinned in the spec (`spec.storage.mayastor.chartVersion`).
 */
export const OPENEBS_CHART_REPO = 'https://openebs.github.io/openebs';
export const OPENEBS_CHART = 'openebs';
/** Release and namespace: the storage steps look for DiskPools in this namespace. */
export const OPENEBS_RELEASE = 'openebs';
export const OPENEBS_NAMESPACE = 'openebs';
