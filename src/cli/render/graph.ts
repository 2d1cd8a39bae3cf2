import { orderedSteps, type CompiledGraph } from '../../planner/compile.js';

export type GraphFormat = 'text' | 'dot' | 'mermaid';

/** The step graph in a valid execution order, one step per line with its dependencies. */
export function renderGraphText(compiled: CompiledGraph): string {
  return orderedSteps(compiled)
    .map((s) => (s.dependsOn.length ? `${s.id}  ← ${s.dependsOn.join(', ')}` : s.id))
    .join('\n');
}

export function renderGraphDot(compiled: CompiledGraph): string {
  const lines = ['digraph cto {', '  rankdir=LR;', '  node [shape=box, fontname="monospace"];'];
  for (const s of compiled.steps) lines.push(`  "${s.id}";`);
  for (const s of compiled.steps) for (const d of s.dependsOn) lines.push(`  "${d}" -> "${s.id}";`);
  lines.push('}');
  return lines.join('\n');
}

/** Mermaid node ids cannot hold `/`, so each step gets an index id and its address as the label. */
export function renderGraphMermaid(compiled: CompiledGraph, label: (id: string) => string = (id) => id): string {
  const ids = new Map(compiled.steps.map((s, i) => [s.id, `s${i}`]));
  const lines = ['flowchart LR'];
  for (const s of compiled.steps) lines.push(`  ${ids.get(s.id)}["${label(s.id).replace(/"/g, '#quot;')}"]`);
  for (const s of compiled.steps) for (const d of s.dependsOn) lines.push(`  ${ids.get(d)} --> ${ids.get(s.id)}`);
  return lines.join('\n');
}

export function renderGraph(compiled: CompiledGraph, format: GraphFormat): string {
  return format === 'dot' ? renderGraphDot(compiled) : format === 'mermaid' ? renderGraphMermaid(compiled) : renderGraphText(compiled);
}
