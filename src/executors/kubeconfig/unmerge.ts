import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { CtoError } from '../../diagnostics/error.js';
import { namedEntries, parseKubeconfig, type KubeconfigEntry } from './entry.js';
import { ownership, type Ownership } from './ownership.js';
import { applyEdits, columns, digestOutside, lineStart, pairOf, type Edit, type ListName } from './splice.js';

export interface Unmerged {
  text: string;
  /** What was taken out, and which same-named entries stayed and why. */
  owned: Ownership;
}

/**
 * `existing` (a kubeconfig's text) without the cluster, user and context that merging `admin`
 * (the cluster's admin entry, named for the user's file) put there — only those that are cto's
 * (see ownership.ts) — and with `current-context` emptied when it named the context that goes.
 * Pure; the inverse of mergeKubeconfig.
 *
 * As the merge, it edits the text at the positions `yaml` reports, so every other byte stays; a
 * list left empty reads `[]`. Layouts the splice can not handle (flow-style lists) fall back to
 * editing the parsed document, which keeps content and comments but may re-indent.
 */
export function unmergeKubeconfig(existing: string, admin: KubeconfigEntry, file: string): Unmerged {
  const config = parseKubeconfig(existing, file);
  const owned = ownership(namedEntries(config, admin.name), admin.name, admin);
  if (owned.lists.length === 0) return { text: existing, owned };
  const doc = parseDocument(existing);
  const spliced = isMap(doc.contents) ? splice(existing, doc.contents, admin.name, owned) : undefined;
  if (spliced !== undefined && removedOnly(existing, spliced, admin.name, owned, file)) return { text: spliced, owned };
  return { text: viaDocument(doc, existing, admin.name, owned, file), owned };
}

const named = (name: string) => (n: unknown) => isMap(n) && n.get('name') === name;

function splice(text: string, top: YAMLMap, name: string, owned: Ownership): string | undefined {
  const edits: Edit[] = [];
  for (const list of owned.lists) {
    const pair = pairOf(top, list);
    const seq = pair?.value;
    const keyEnd = (pair?.key as Node | undefined)?.range?.[1];
    if (!isSeq(seq) || seq.flow || keyEnd === undefined) return undefined;
    const items = seq.items as Node[];
    const ours = items.filter(named(name));
    const ranges = ours.flatMap((n) => (n.range && columns(text, n.range[0]).dash !== undefined ? [n.range] : []));
    if (ranges.length === 0 || ranges.length !== ours.length) return undefined;
    const [first, last] = [ranges[0]!, ranges.at(-1)!];
    if (ours.length === items.length) {
      // The list is left empty: `clusters: []` (what the merge replaces with its first item).
      if (!/^:[ \t]*\n$/.test(text.slice(keyEnd, lineStart(text, first[0])))) return undefined;
      edits.push({ start: keyEnd, end: text[last[1] - 1] === '\n' ? last[1] - 1 : last[1], text: ': []' });
    } else {
      // The item's lines, from its `-`: comments around it stay with their neighbours. An item that
      // ends the file without a line end takes the line end before it instead.
      for (const r of ranges) {
        const start = lineStart(text, r[0]);
        edits.push({ start: text[r[1] - 1] === '\n' || start === 0 ? start : start - 1, end: r[1], text: '' });
      }
    }
  }
  if (owned.currentContext) {
    const current = pairOf(top, 'current-context');
    const keyEnd = (current?.key as Node | undefined)?.range?.[1];
    const value = current?.value as Node | null | undefined;
    if (keyEnd === undefined || !value?.range || !isScalar(value)) return undefined;
    edits.push({ start: keyEnd, end: value.range[1], text: ': ""' });
  }
  return applyEdits(text, edits);
}

/** The edit is kept only if it took out our entries (every one of that name), emptied current-context if asked, and changed nothing else. */
function removedOnly(before: string, after: string, name: string, owned: Ownership, file: string): boolean {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseKubeconfig(after, file) as Record<string, unknown>;
  } catch {
    return false;
  }
  const original = parseKubeconfig(before, file) as Record<string, unknown>;
  const left = (list: ListName) => Array.isArray(parsed[list]) && (parsed[list] as { name?: unknown }[]).some((i) => i?.name === name);
  if (owned.lists.some(left)) return false;
  if (parsed['current-context'] !== (owned.currentContext ? '' : original['current-context'])) return false;
  return digestOutside(original, name, owned.lists) === digestOutside(parsed, name, owned.lists);
}

function viaDocument(doc: Document, before: string, name: string, owned: Ownership, file: string): string {
  for (const list of owned.lists) {
    const seq = doc.get(list);
    if (isSeq(seq)) seq.items = seq.items.filter((n) => !named(name)(n));
  }
  if (owned.currentContext) doc.set('current-context', '');
  const out = doc.toString({ lineWidth: 0 });
  if (!removedOnly(before, out, name, owned, file)) {
    throw new CtoError({ severity: 'error', file, message: `removing context "${name}" from ${file} did not leave the rest of the file as it was` });
  }
  return out;
}
