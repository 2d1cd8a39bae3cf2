import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { fingerprint } from './entry.js';

/**
 * What merge.ts and unmerge.ts share to edit a kubeconfig as text, at the positions `yaml`
 * reports, so that every byte they do not mean to change stays as it was.
 */

/** The three named lists of a kubeconfig, each with the key that holds an item's body. */
export const LISTS = [
  { list: 'clusters', body: 'cluster' },
  { list: 'users', body: 'user' },
  { list: 'contexts', body: 'context' },
] as const;

export type ListName = (typeof LISTS)[number]['list'];

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `text` with `edits` (which must not overlap) applied right to left, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key) as Pair | undefined;
}

/** Offset of the start of the line holding `at`. */
export function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** Column of the `-` introducing a block sequence item (undefined when the item does not start its line), and of the item's content. */
export function columns(text: string, itemStart: number): { dash?: number; content: number } {
  const start = lineStart(text, itemStart);
  const before = text.slice(start, itemStart);
  const dash = before.lastIndexOf('-');
  return { ...(dash >= 0 && /^ *- *$/.test(before) ? { dash } : {}), content: itemStart - start };
}

/**
 * A digest of a parsed kubeconfig without `current-context` and without the items named `name`
 * in `lists` (a list left empty counts as absent): what an edit of our entries must not change.
 */
export function digestOutside(config: Record<string, unknown>, name: string, lists: readonly ListName[]): string {
  const copy: Record<string, unknown> = { ...config };
  delete copy['current-context'];
  for (const { list } of LISTS) {
    const items = Array.isArray(config[list]) ? (config[list] as { name?: unknown }[]) : [];
    const kept = lists.includes(list) ? items.filter((i) => i?.name !== name) : items;
    if (kept.length === 0) delete copy[list];
    else copy[list] = kept;
  }
  return fingerprint(copy);
}
