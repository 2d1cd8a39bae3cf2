import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type YAMLMap } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';
import { contextOf, fingerprint, namedEntries, parseKubeconfig, type KubeconfigEntry } from './entry.js';
import { applyEdits, columns, digestOutside, LISTS, pairOf, type Edit } from './splice.js';

/**
 * `existing` (a kubeconfig's text, or undefined when the file does not exist)
 * with `entry` merged in: a cluster, a user and a context named `entry.name`
 * (replaced when present), and `current-context` set to it. Pure.
 *
 * The file is edited as text at the positions `yaml` reports, so every other
 * byte (other contexts, comments, key order, indentation) stays exactly as it
 * was. Layouts the splice can not handle (flow-style lists) fall back to
 * editing the parsed document, which keeps content and comments but may
 * re-indent.
 */
export function mergeKubeconfig(existing: string | undefined, entry: KubeconfigEntry, file: string): string {
  if (existing === undefined || existing.trim() === '') return fresh(entry);
  parseKubeconfig(existing, file); // refuses text that is not a kubeconfig, with the file named
  const doc = parseDocument(existing);
  if (!isMap(doc.contents)) return fresh(entry);
  const spliced = splice(existing, doc.contents, entry);
  if (spliced !== undefined && sameOutsideEntry(existing, spliced, entry, file)) return spliced;
  return viaDocument(doc, entry);
}

function itemOf(entry: KubeconfigEntry, body: (typeof LISTS)[number]['body']): Record<string, unknown> {
  const value = body === 'cluster' ? entry.cluster : body === 'user' ? entry.user : contextOf(entry);
  return { name: entry.name, [body]: value };
}

function fresh(entry: KubeconfigEntry): string {
  return stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [itemOf(entry, 'cluster')],
      users: [itemOf(entry, 'user')],
      contexts: [itemOf(entry, 'context')],
      'current-context': entry.name,
      preferences: {},
    },
    { lineWidth: 0, indentSeq: false },
  );
}

function splice(text: string, top: YAMLMap, entry: KubeconfigEntry): string | undefined {
  const edits: Edit[] = [];
  const appended: string[] = [];
  for (const { list, body } of LISTS) {
    const pair = pairOf(top, list);
    const item = itemOf(entry, body);
    if (!pair) {
      appended.push(`${list}:\n${block(item, '- ', '  ')}`);
      continue;
    }
    const value = pair.value as Node | null;
    const keyEnd = (pair.key as Node).range?.[1];
    if (keyEnd === undefined) return undefined;
    if (value === null || (isScalar(value) && (value.value === null || value.value === '')) || (isSeq(value) && value.items.length === 0)) {
      if (!value?.range) return undefined;
      edits.push({ start: keyEnd, end: value.range[1], text: `:\n${block(item, '- ', '  ').trimEnd()}` });
      continue;
    }
    if (!isSeq(value) || value.flow) return undefined;
    const items = value.items as Node[];
    const index = items.findIndex((n) => isMap(n) && n.get('name') === entry.name);
    const sample = items[index >= 0 ? index : items.length - 1];
    if (!sample?.range) return undefined;
    const { dash, content } = columns(text, sample.range[0]);
    if (dash === undefined) return undefined;
    const rendered = block(item, '', ' '.repeat(content)).replace(/^ */, '');
    if (index >= 0) {
      // An entry that already says the same thing keeps its own formatting.
      if (fingerprint((sample as YAMLMap).toJSON()) === fingerprint(item)) continue;
      edits.push({ start: sample.range[0], end: sample.range[1], text: withNewlineLike(rendered, text, sample.range[1]) });
    } else {
      const prefix = `${' '.repeat(dash)}-${' '.repeat(content - dash - 1)}`;
      const end = sample.range[1];
      if (text[end - 1] === '\n') {
        edits.push({ start: end, end, text: `${prefix}${rendered}` });
      } else {
        // The last item ends mid-line (a flow map, or the file's last line): ours goes after the rest
        // of that line (a comment), before its line end, so no blank line or moved comment appears.
        const eol = text.indexOf('\n', end);
        const at = eol === -1 ? text.length : eol;
        edits.push({ start: at, end: at, text: `\n${prefix}${rendered.trimEnd()}` });
      }
    }
  }
  const current = pairOf(top, 'current-context');
  const name = stringify(entry.name).trimEnd();
  if (current) {
    const keyEnd = (current.key as Node).range?.[1];
    const value = current.value as Node | null;
    if (keyEnd === undefined || !value?.range || !isScalar(value)) return undefined;
    if (value.value !== entry.name) edits.push({ start: keyEnd, end: value.range[1], text: `: ${name}` });
  } else {
    appended.push(`current-context: ${name}\n`);
  }
  if (appended.length > 0) {
    const end = text.length;
    edits.push({ start: end, end, text: `${text.endsWith('\n') ? '' : '\n'}${appended.join('')}` });
  }
  return applyEdits(text, edits);
}

/** `value` as a block YAML map: first line after `first`, the others indented by `rest`; ends with a newline. */
function block(value: Record<string, unknown>, first: string, rest: string): string {
  const lines = stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
  return `${lines.map((l, i) => (i === 0 ? first + l : rest + l)).join('\n')}\n`;
}

/** Replacing an item keeps the original's line end: an item at the end of a file without a final newline gets none. */
function withNewlineLike(rendered: string, text: string, end: number): string {
  return text[end - 1] === '\n' ? rendered : rendered.trimEnd();
}

/** The splice is kept only if it changed nothing but our entries and current-context. */
function sameOutsideEntry(before: string, after: string, entry: KubeconfigEntry, file: string): boolean {
  let parsed;
  try {
    parsed = parseKubeconfig(after, file) as Record<string, unknown>;
  } catch {
    return false;
  }
  const ours = namedEntries(parsed, entry.name);
  if (
    fingerprint(ours.cluster) !== fingerprint(entry.cluster) ||
    fingerprint(ours.user) !== fingerprint(entry.user) ||
    fingerprint(ours.context) !== fingerprint(contextOf(entry)) ||
    ours.currentContext !== entry.name
  ) {
    return false;
  }
  const all = LISTS.map((l) => l.list);
  return digestOutside(parseKubeconfig(before, file) as Record<string, unknown>, entry.name, all) === digestOutside(parsed, entry.name, all);
}

function viaDocument(doc: Document, entry: KubeconfigEntry): string {
  for (const { list, body } of LISTS) {
    const item = doc.createNode(itemOf(entry, body));
    const seq = doc.get(list);
    if (isSeq(seq)) {
      const index = seq.items.findIndex((n) => isMap(n) && n.get('name') === entry.name);
      if (index >= 0) seq.items[index] = item;
      else seq.items.push(item);
    } else {
      doc.set(list, doc.createNode([itemOf(entry, body)]));
    }
  }
  doc.set('current-context', entry.name);
  const out = doc.toString({ lineWidth: 0 });
  if (namedEntries(parseKubeconfig(out, 'merged kubeconfig'), entry.name).currentContext !== entry.name) {
    throw new CtoError({ severity: 'error', message: 'merging the kubeconfig did not produce the expected context' });
  }
  return out;
}
