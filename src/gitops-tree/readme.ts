import type { Cluster } from '../spec/types.gen.js';
import { APPLICATION_HEALTH_KEY } from './argocd-health.js';
import { ARGOCD_NAMESPACE, PLATFORM_PROJECT } from './argocd.js';
import type { GitopsSpec } from './gitops-spec.js';
import { OPENEBS_CHART, OPENEBS_CHART_REPO, OPENEBS_NAMESPACE } from './openebs-chart.js';
import { ROOT_APPLICATION } from './root-application.js';
import { WAVES } from './sync-waves.js';

/** The tree's README: what each file does and how to add an application. */
export function readme(spec: Cluster, gitops: GitopsSpec, root: string): string {
  const mayastor = spec.spec.storage?.mayastor;
  const files = [
    `| \`projects/platform-project.yaml\` | AppProject \`${PLATFORM_PROJECT}\` (wave ${WAVES.project}): the repositories, destinations and cluster-scoped kinds platform applications may use, and nothing more. |`,
    ...(mayastor
      ? [
          `| \`cluster-config/mayastor-namespace.yaml\` | Namespace \`${OPENEBS_NAMESPACE}\` (wave ${WAVES.namespace}) with the \`privileged\` pod-security labels (enforce, audit, warn) that Mayastor's io-engine and CSI node need on Talos. |`,
          `| \`applications/storage/mayastor.yaml\` | Application \`mayastor\` (wave ${WAVES.storage}): chart \`${OPENEBS_CHART}\` ${mayastor.chartVersion} from ${OPENEBS_CHART_REPO} with the Talos values (CSI node init container off, LVM and ZFS engines off, etcd replicas fitting the worker count). |`,
        ]
      : []),
  ];
  return `# GitOps tree for cluster \`${spec.metadata.name}\`

Written by \`cto init --gitops\` from \`cluster.yaml\`; check it against the spec with
\`cto validate --gitops <repository checkout>\`. Versions are pinned in \`cluster.yaml\`
(for example \`spec.storage.mayastor.chartVersion\`): change them there and render again.

## How it is synced

\`cto apply\` creates the root Application \`${ROOT_APPLICATION}\` in namespace \`${ARGOCD_NAMESPACE}\`
(project \`default\`). It points at this folder, \`${root}\`, of ${gitops.repoURL} at
\`${gitops.revision}\`, with \`directory.recurse: true\`: **every YAML file below this folder is
applied**, in \`projects/\`, \`cluster-config/\` and every \`applications/<group>/\` folder. Keep
only Kubernetes manifests here (this README is ignored).

Sync waves order the root's objects: the project (${WAVES.project}), then the namespaces
(${WAVES.namespace}), then storage (${WAVES.storage}), then everything else (wave 0 unless
annotated). Storage comes before any workload so that volumes can be provisioned.

A wave only waits for the *health* of the Applications in it when Argo CD assesses
Application health, which it stopped doing by default in 1.8. \`cto\` sets this in the
\`argocd-cm\` ConfigMap when it installs Argo CD (\`${APPLICATION_HEALTH_KEY}\`: a Lua
check that reports the child Application's \`status.health.status\`). Keep it if you
manage Argo CD's configuration yourself.

## Files

| file | what it does |
|---|---|
${files.join('\n')}

## Adding an application

1. Create \`applications/<group>/<name>.yaml\` holding one Argo CD \`Application\` in namespace
   \`${ARGOCD_NAMESPACE}\`, with the finalizer \`resources-finalizer.argocd.argoproj.io\`.
2. Give it a sync wave above ${WAVES.storage} (\`argocd.argoproj.io/sync-wave: "0"\` or more) if it
   needs storage; \`cto validate --gitops\` reports an application that would sync before storage.
3. Use project \`${PLATFORM_PROJECT}\` only for platform components, and add the chart repository,
   destination namespace and cluster-scoped kinds it needs to \`projects/platform-project.yaml\`.
   Workloads belong in a project of their own.
4. A namespace that needs labels goes in \`cluster-config/\`, with a wave below ${WAVES.storage}.
5. Commit and push: Argo CD picks it up on its next poll of \`${gitops.revision}\`.
`;
}
