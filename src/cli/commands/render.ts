import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { objectRef } from '../../clients/kube/object.js';
import { CtoError } from '../../diagnostics/error.js';
import { loadKnownOutputs } from '../../executors/preview/known-outputs.js';
import { renderBundle } from '../../executors/preview/bundle.js';
import { previewMachineConfigs, type NodeConfigPreview } from '../../executors/preview/machine-configs.js';
import { components, previewComponent } from '../../executors/preview/manifests.js';
import { desiredOf } from '../../executors/desired.js';
import { atStep } from '../../executors/step-error.js';
import { compile } from '../../planner/compile.js';
import { clusterNodes } from '../../planner/nodes.js';
import { locate } from '../../spec/source.js';
import { HEADER_PREFIX, renderText, sectionText, type RenderSection } from '../render/render-output.js';
import { openSpecFile } from '../open-spec.js';
import { addr } from '../../planner/address.js';

export interface RenderFlags {
  file?: string;
  stateDir?: string;
  node?: string | string[];
  component?: string | string[];
  out?: string;
  refresh?: boolean;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

/**
 * `cto render`: what apply would send, offline like `terraform show` and
 * `helm template`. Machine configs come from the same `gen config` inputs and
 * patches as `talos/config/<node>`, platform objects from the same renderers
 * as the platform steps. Nothing asks the cluster, Latitude only with
 * `--refresh`, and nothing is written into the state folder except the
 * download cache apply shares for chart and manifest URLs.
 */
export async function renderCommand(o: RenderFlags): Promise<number> {
  const opened = await openSpecFile(o);
  const { cluster, source } = opened.spec;
  const allNodes = clusterNodes(cluster);
  const { steps } = compile(cluster);
  const allComponents = components(steps);
  const wantNodes = list(o.node);
  const wantComponents = list(o.component);
  const nodes = pick(allNodes, wantNodes, (n) => n.name, '--node', 'node', {
    file: source.file,
    ...locate(source, ['spec', 'nodes']),
    path: 'spec.nodes',
  });
  const picked = pick(allComponents, wantComponents, (c) => c.name, '--component', 'component', {});
  // With neither flag, everything; with one, only what it names.
  const everything = wantNodes.length === 0 && wantComponents.length === 0;
  const renderNodes = everything || wantNodes.length > 0 ? nodes : [];
  const renderComponents = everything || wantComponents.length > 0 ? picked : [];

  // Latitude is asked only with --refresh, and only when a node config needs an address.
  const unknownAddress = await loadKnownOutputs(opened.run, allNodes, o.refresh === true && renderNodes.length > 0);
  const ctx = opened.run.forStep({ signal: new AbortController().signal, progress: () => undefined });
  const sections: RenderSection[] = [];
  // Each note once on stderr; a refusal is reported as the error below instead.
  const notes = new Set<string>();
  let configs: NodeConfigPreview[] = [];
  if (renderNodes.length > 0) {
    // What each talos/config/<node> step renders from.
    const desired = renderNodes.map((n) => desiredOf(steps, addr.talosConfig(n.name), 'talos.config')!);
    const bundle = await atStep(addr.talosSecrets, (t) => ctx.secrets.redact(t), () => renderBundle(ctx));
    configs = await previewMachineConfigs(ctx, desired, bundle, unknownAddress);
  }
  const refused = configs.filter((c) => c.refused !== undefined);
  for (const config of configs) {
    const { node, documents, refused: problems } = config;
    config.notes.forEach((n) => notes.add(n));
    sections.push({
      file: `node-${node.node}.yaml`,
      title: `node ${node.node} (${node.role}, ${node.hostname})`,
      notes: problems ? [...config.notes, `talosctl validate --mode metal --strict refuses this config: ${problems}`] : config.notes,
      documents: documents.map((yaml) => ({ label: `machine config ${/^kind: (\S+)/m.exec(yaml)?.[1] ?? 'v1alpha1'}`, yaml })),
    });
  }
  for (const component of renderComponents) {
    for (const preview of await previewComponent(ctx, component)) {
      const { step, part, objects } = preview;
      preview.notes.forEach((n) => notes.add(n));
      sections.push({
        file: `component-${component.name}${part && component.steps.length > 1 ? `-${part}` : ''}.yaml`,
        title: `component ${component.name} (${step.id})`,
        notes: preview.notes,
        documents: objects.map((obj) => ({ label: objectRef(obj), yaml: ctx.secrets.redact(stringify(obj)) })),
      });
    }
  }

  for (const note of notes) process.stderr.write(`cto: note: ${note}\n`);
  if (o.out) {
    await writeSections(o.out, sections);
    process.stderr.write(`cto: wrote ${sections.length} file${sections.length === 1 ? '' : 's'} to ${o.out}\n`);
  } else {
    process.stdout.write(renderText(sections));
  }
  if (refused.length > 0) {
    throw new CtoError(
      refused.map(({ node, refused: problems }) => ({
        severity: 'error' as const,
        stepId: addr.talosConfig(node.node),
        path: 'spec.talos',
        message: `talosctl validate --mode metal --strict refuses the machine config: ${problems}`,
        hint: 'the node would refuse it too; fix the patches or settings in spec.talos',
      })),
    );
  }
  return 0;
}

/** The named items, in the spec's order; an unknown name fails with the valid ones listed. */
function pick<T>(all: T[], wanted: string[], nameOf: (t: T) => string, flag: string, what: string, where: { file?: string; line?: number; col?: number; path?: string }): T[] {
  const names = all.map(nameOf);
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length > 0) {
    throw new CtoError(
      unknown.map((u) => ({
        severity: 'error' as const,
        ...where,
        message: `${flag} ${u}: no ${what} of that name in this cluster`,
        hint: names.length ? `valid ${what}s: ${names.join(', ')}` : `this spec has no ${what}s to render`,
      })),
    );
  }
  return wanted.length === 0 ? all : all.filter((t) => wanted.includes(nameOf(t)));
}

/**
 * One file per section, for diffs in pull requests. Files an earlier render
 * wrote that this one does not (a node or component that left the spec) are
 * removed; other files in the folder are left alone.
 */
async function writeSections(dir: string, sections: RenderSection[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const keep = new Set(sections.map((s) => s.file));
  for (const name of await readdir(dir)) {
    if (keep.has(name) || !/^(node|component)-.+\.yaml$/.test(name)) continue;
    const text = await readFile(join(dir, name), 'utf8').catch(() => '');
    if (text.startsWith(HEADER_PREFIX)) await rm(join(dir, name));
  }
  for (const s of sections) await writeFile(join(dir, s.file), sectionText(s));
}
