/**
 * Helm's value merge (`-f a.yaml -f b.yaml`): maps merge key by key, anything
 * else in `over` replaces what `base` has, and `null` removes the key.
 */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = mergeValues(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Paths in `values` that the chart does not have, so a misspelt path fails
 * instead of being ignored (Helm ignores unknown values, and a generated
 * values.schema.json like Cilium's does not forbid them). A key is unknown
 * where the chart's defaults hold a map of settings (a non-empty map whose
 * keys are all plain names) without it; below an empty map, a map keyed by
 * labels (`nodeSelector: {kubernetes.io/os: linux}`), a list or a scalar,
 * any key goes.
 */
export function unknownValuePaths(values: Record<string, unknown>, defaults: Record<string, unknown>, at: string[] = []): string[][] {
  if (!isSettings(defaults)) return [];
  return Object.entries(values).flatMap(([key, value]) => {
    if (!(key in defaults)) return [[...at, key]];
    const d = defaults[key];
    return isMap(value) && isMap(d) ? unknownValuePaths(value, d, [...at, key]) : [];
  });
}

function isSettings(map: Record<string, unknown>): boolean {
  const keys = Object.keys(map);
  return keys.length > 0 && keys.every((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
}
