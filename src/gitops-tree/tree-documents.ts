import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One YAML document of the tree, with what is needed to point at any node in it. */
export interface TreeDocument {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  value: unknown;
}

/** Parses a manifest file; syntax errors come back as positioned diagnostics. */
export function parseTreeFile(file: string, text: string): { documents: TreeDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const documents: TreeDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    const error = doc.errors[0];
    if (error) {
      diagnostics.push({
        severity: 'error',
        file,
        ...lineCounter.linePos(error.pos[0]),
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
        hint: 'Argo CD can not sync a file it can not parse; fix the syntax',
      });
      continue;
    }
    documents.push({ file, doc, lineCounter, value: doc.toJS() });
  }
  return { documents, diagnostics };
}

/**
 * `file`, `line` and `col` of the node at `keys`, or of its nearest ancestor
 * that exists (a missing field is reported where it should have been).
 */
export function positionOf(d: TreeDocument, keys: (string | number)[]): Pick<Diagnostic, 'file' | 'line' | 'col'> {
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? d.doc.contents : d.doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return { file: d.file, ...d.lineCounter.linePos(node.range[0]) };
  }
  return { file: d.file, line: 1, col: 1 };
}
