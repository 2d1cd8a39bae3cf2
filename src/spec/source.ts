import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

/** A parsed spec document with the positions needed to point diagnostics at the right character. */
export interface SpecSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type SpecPath = (string | number)[];

/** `['spec','nodes','workers','count']` → `spec.nodes.workers.count`; indexes as `[0]`. */
export function formatPath(path: SpecPath): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/** JSON pointer (ajv's instancePath) → path segments; numeric segments become indexes. */
export function pointerToPath(pointer: string): SpecPath {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Line and column of the node at `path`. Missing nodes (a `required` error points at the parent)
 * walk up to the nearest existing ancestor. For a map value we point at its key, which is the line
 * a person reads as "that setting"; with `key` we point at a child key (unknown-key errors).
 */
export function locate(source: SpecSource, path: SpecPath, key?: string): { line: number; col: number } {
  let p = path;
  let node: unknown;
  for (;;) {
    node = p.length ? source.doc.getIn(p, true) : source.doc.contents;
    if (isNode(node) || p.length === 0) break;
    p = p.slice(0, -1);
  }
  let target: Node | undefined = isNode(node) ? node : undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key);
    if (pair && isScalar(pair.key)) target = pair.key;
  } else if (p.length && !isScalar(node)) {
    const parent = p.length === 1 ? source.doc.contents : source.doc.getIn(p.slice(0, -1), true);
    const last = p[p.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(last));
      if (pair && isScalar(pair.key)) target = pair.key;
    } else if (isSeq(parent) && typeof last === 'number' && isNode(parent.items[last])) {
      target = parent.items[last] as Node;
    }
  }
  const offset = target?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}
