import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CtoError } from '../diagnostics/error.js';
import type { Cluster } from '../spec/types.gen.js';
import { checkMayastorValues } from './check-values.js';
import { gitopsOf, treeRoot } from './gitops-spec.js';
import { OPENEBS_CHART, OPENEBS_CHART_REPO } from './openebs-chart.js';
import { TREE_FILES } from './render.js';
import { DEFAULT_WAVE, SYNC_WAVE_ANNOTATION } from './sync-waves.js';
import { parseTreeFile, positionOf, type TreeDocument } from './tree-documents.js';
import { kindOfPath, yamlFilesUnder } from './tree-files.js';

interface ApplicationDoc {
  d: TreeDocument;
  name: string;
  /** Index into `spec.sources`, or undefined for `spec.source`, of the OpenEBS chart source. */
  openebsSource?: number | 'source';
}

/**
 * Checks that the GitOps tree in the repository checkout `dir` fits the spec:
 * `spec.gitops.path` exists, the Mayastor application is there when Mayastor is
 * wanted, it pins the spec's chart version with values that work on Talos,
 * and it syncs before every other application. Problems come back as positioned diagnostics, never thrown.
 */
export async function checkGitopsTree(spec: Cluster, dir: string): Promise<Diagnostic[]> {
  let gitops;
  try {
    gitops = gitopsOf(spec);
  } catch (err) {
    if (err instanceof CtoError) return err.diagnostics;
    throw err;
  }
  const root = path.join(dir, treeRoot(gitops));
  const kind = await kindOfPath(root);
  if (kind !== 'directory') {
    return [
      {
        severity: 'error',
        file: root,
        path: 'spec.gitops.path',
        message: kind === 'missing' ? `the GitOps folder ${root} does not exist` : `the GitOps folder ${root} is a file, not a folder`,
        hint: `write the starter tree with \`cto init --gitops ${dir}\`, or set \`spec.gitops.path\` to the folder the root application should sync`,
      },
    ];
  }

  const diagnostics: Diagnostic[] = [];
  const applications: ApplicationDoc[] = [];
  for (const rel of await yamlFilesUnder(root)) {
    const file = path.join(root, rel);
    const parsed = parseTreeFile(file, await fs.readFile(file, 'utf8'));
    diagnostics.push(...parsed.diagnostics);
    for (const d of parsed.documents) {
      const app = asApplication(d);
      if (app) applications.push(app);
    }
  }

  const mayastor = spec.spec.storage?.mayastor;
  const storage = applications.filter((a) => a.openebsSource !== undefined);
  if (mayastor && storage.length === 0) {
    diagnostics.push({
      severity: 'error',
      file: path.join(root, TREE_FILES.mayastor),
      path: 'spec.storage.mayastor',
      message: `no Argo CD Application under ${root} installs chart \`${OPENEBS_CHART}\` from ${OPENEBS_CHART_REPO}, but the spec asks for Mayastor; the storage steps would wait for DiskPools that never come`,
      hint: `render the Mayastor application with \`cto init --gitops ${dir} --force\`, or remove \`spec.storage.mayastor\``,
    });
  }
  if (mayastor) {
    for (const app of storage) {
      diagnostics.push(...chartVersion(app, mayastor.chartVersion), ...checkMayastorValues(app.d, sourceKeys(app), spec, app.name));
    }
  }
  diagnostics.push(...waveOrder(applications, storage));
  return diagnostics.sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

function asApplication(d: TreeDocument): ApplicationDoc | undefined {
  const v = d.value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown }; spec?: { source?: unknown; sources?: unknown } } | null;
  if (!v || typeof v !== 'object' || v.kind !== 'Application' || typeof v.apiVersion !== 'string' || !v.apiVersion.startsWith('argoproj.io/')) {
    return undefined;
  }
  const name = typeof v.metadata?.name === 'string' ? v.metadata.name : '(unnamed)';
  if (isOpenebs(v.spec?.source)) return { d, name, openebsSource: 'source' };
  const sources = Array.isArray(v.spec?.sources) ? v.spec.sources : [];
  const index = sources.findIndex(isOpenebs);
  return index >= 0 ? { d, name, openebsSource: index } : { d, name };
}

function isOpenebs(source: unknown): boolean {
  const s = source as { repoURL?: unknown; chart?: unknown } | null;
  return !!s && typeof s.repoURL === 'string' && s.repoURL.replace(/\/+$/, '') === OPENEBS_CHART_REPO && s.chart === OPENEBS_CHART;
}

function sourceKeys(app: ApplicationDoc): (string | number)[] {
  return app.openebsSource === 'source' ? ['spec', 'source'] : ['spec', 'sources', app.openebsSource as number];
}

function chartVersion(app: ApplicationDoc, wanted: string): Diagnostic[] {
  const keys = [...sourceKeys(app), 'targetRevision'];
  const actual = app.d.doc.getIn(keys);
  if (String(actual) === wanted) return [];
  return [
    {
      severity: 'error',
      ...positionOf(app.d, keys),
      path: 'spec.storage.mayastor.chartVersion',
      message: `application "${app.name}" pins chart ${OPENEBS_CHART} ${actual === undefined ? '(no targetRevision)' : String(actual)}, but the spec pins ${wanted}`,
      hint: `set targetRevision to "${wanted}", or change \`spec.storage.mayastor.chartVersion\` and render the tree again`,
    },
  ];
}

const ANNOTATION_KEYS = ['metadata', 'annotations', SYNC_WAVE_ANNOTATION];

/** Storage must sync (and, with the Application health check, be Healthy) before any other application. */
function waveOrder(applications: ApplicationDoc[], storage: ApplicationDoc[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const waves = new Map<ApplicationDoc, number>();
  for (const app of applications) {
    const raw = app.d.doc.getIn(ANNOTATION_KEYS);
    if (raw === undefined) {
      waves.set(app, DEFAULT_WAVE);
    } else if (/^-?\d+$/.test(String(raw).trim())) {
      waves.set(app, Number(String(raw).trim()));
    } else {
      diagnostics.push({
        severity: 'error',
        ...positionOf(app.d, ANNOTATION_KEYS),
        message: `application "${app.name}" has sync wave ${JSON.stringify(raw)}, which is not an integer`,
        hint: `write the wave as a quoted integer, e.g. ${SYNC_WAVE_ANNOTATION}: "0"`,
      });
    }
  }
  const storageWaves = storage.flatMap((a) => (waves.has(a) ? [{ app: a, wave: waves.get(a)! }] : []));
  if (storageWaves.length === 0) return diagnostics;
  const last = storageWaves.reduce((a, b) => (b.wave > a.wave ? b : a));
  for (const app of applications) {
    if (storage.includes(app) || !waves.has(app)) continue;
    const wave = waves.get(app)!;
    if (wave > last.wave) continue;
    const annotated = app.d.doc.getIn(ANNOTATION_KEYS) !== undefined;
    diagnostics.push({
      severity: 'error',
      ...positionOf(app.d, annotated ? ANNOTATION_KEYS : ['metadata']),
      message: `application "${app.name}" syncs in wave ${wave}${annotated ? '' : ' (no sync-wave annotation)'}, not after storage ("${last.app.name}", wave ${last.wave} in ${last.app.d.file}); its volumes could not be provisioned yet`,
      hint: `set ${SYNC_WAVE_ANNOTATION}: "${last.wave + 1}" or higher on "${app.name}"`,
    });
  }
  return diagnostics;
}
