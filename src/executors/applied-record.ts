import type { StepContext } from './step-kind.js';

/**
 * A record in the state folder of what an apply left behind, read by the next plan as a
 * shortcut (`talos/applied/<node>.json`, `objects/applied/<step>.json`). Digests and
 * versions only, never a secret. A record that is missing or does not parse is no record:
 * the plan then does the full work.
 */
export async function readAppliedRecord<T>(ctx: StepContext, file: string, valid: (v: unknown) => T | undefined): Promise<T | undefined> {
  const raw = await ctx.state.read(file);
  if (!raw) return undefined;
  try {
    return valid(JSON.parse(raw.toString('utf8')));
  } catch {
    return undefined;
  }
}

export function writeAppliedRecord(ctx: StepContext, file: string, record: unknown): Promise<void> {
  return ctx.state.writeAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}
