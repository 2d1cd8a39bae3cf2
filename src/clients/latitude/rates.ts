import { CtoError } from '../../diagnostics/error.js';

/** Latitude's documented limits per API key and minute. */
export const DOCUMENTED_RATES = { get: 60, write: 20 };

/**
 * The client-side budget: the documented limits, or `CTO_LATITUDE_RATES=<GET>/<writes>` per minute for
 * an account Latitude granted more (and for a simulated world whose minutes run faster).
 */
export function latitudeRates(env: Record<string, string | undefined>): { get: number; write: number } {
  const text = env.CTO_LATITUDE_RATES;
  if (!text) return DOCUMENTED_RATES;
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  const get = Number(m?.[1]);
  const write = Number(m?.[2]);
  if (!m || !(get > 0) || !(write > 0)) {
    throw new CtoError({
      severity: 'error',
      path: 'CTO_LATITUDE_RATES',
      message: `CTO_LATITUDE_RATES must be <GET>/<writes> requests per minute, both above 0 (got ${JSON.stringify(text)})`,
      hint: `unset it for Latitude's documented ${DOCUMENTED_RATES.get}/${DOCUMENTED_RATES.write}`,
    });
  }
  return { get, write };
}
