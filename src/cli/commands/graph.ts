import { CtoError } from '../../diagnostics/error.js';
import { compile } from '../../planner/compile.js';
import { readSpec } from '../read-spec.js';
import { renderGraph, type GraphFormat } from '../render/graph.js';

const FORMATS: GraphFormat[] = ['text', 'dot', 'mermaid'];

export async function graphCommand(opts: { file?: string; format?: string }): Promise<number> {
  const format = (opts.format ?? 'text') as GraphFormat;
  if (!FORMATS.includes(format)) throw new CtoError({ severity: 'error', message: `unknown graph format "${format}"`, hint: `use one of ${FORMATS.join(', ')}` });
  const spec = await readSpec(opts.file);
  process.stdout.write(`${renderGraph(compile(spec.cluster), format)}\n`);
  return 0;
}
