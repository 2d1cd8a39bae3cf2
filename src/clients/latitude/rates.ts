import { CtoError } from '../../diagnostics/error.js';

/** Latitude's documented limits per API key and minute. */
export const DOCUMENTED_RATES = { get: 60, write: 20 };

/**
 * The client-side budget: the documented limits, or `CTO_LATITUDE_RATES=<GET>/<writes>` per minute
 * (`<GET>/<writes>/<seconds>` per that many seconds) for an account Latitude granted more, or a
 * simulated world whose minutes pass faster.
 */
export function latitudeRates(text: string | undefined): { get: number; write: number; windowMs?: number } {
  if (!text) return DOCUMENTED_RATES;
  const num = '\\s*(\\d+(?:\\.\\d+)?)\\s*';
  const m = new RegExp(`^${num}/${num}(?:/${num})?$`).exec(text);
  const [get, write, seconds] = [Number(m?.[1]), Number(m?.[2]), m?.[3] === undefined ? 60 : Number(m[3])];
  if (!m || !(get > 0) || !(write > 0) || !(seconds > 0)) {
    throw new CtoError({
      severity: 'error',
      path: 'CTO_LATITUDE_RATES',
      message: `CTO_LATITUDE_RATES must be <GET>/<writes> requests per minute, or <GET>/<writes>/<seconds> per that many seconds, all above 0 (got ${JSON.stringify(text)})`,
      hint: `unset it for Latitude's documented ${DOCUMENTED_RATES.get}/${DOCUMENTED_RATES.write}`,
    });
  }
  return { get, write, windowMs: seconds * 1000 };
}
