export interface Page<T> {
  items: T[];
  /** `meta.stats.total.count` when asked for with `stats[total]=count`. */
  total?: number;
}

/**
 * Every item of a paginated list. The API has no `links` and no total by default;
 * the official SDKs stop on a short page. When the API reports a total we stop on
 * that instead, so a server-side cap on `page[size]` below ours cannot truncate silently.
 */
export async function collectPages<T>(size: number, fetchPage: (number: number, size: number) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let number = 1; ; number++) {
    const page = await fetchPage(number, size);
    all.push(...page.items);
    if (page.items.length === 0) return all;
    if (page.total !== undefined ? all.length >= page.total : page.items.length < size) return all;
  }
}

export function totalOf(meta: Record<string, unknown>): number | undefined {
  const stats = meta['stats'] as { total?: { count?: unknown } } | undefined;
  const count = stats?.total?.count;
  return typeof count === 'number' ? count : undefined;
}
