/** `1h30m`, `30m`, `45s` → milliseconds; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  const [h, min, s] = [m[1], m[2], m[3]].map((v) => Number(v ?? 0));
  const ms = ((h! * 60 + min!) * 60 + s!) * 1000;
  return ms > 0 ? ms : undefined;
}
