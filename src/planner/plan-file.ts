import { readFile, writeFile } from 'node:fs/promises';
import { CtoError } from '../diagnostics/error.js';
import { PLAN_FORMAT_VERSION, type Plan } from './plan.js';

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  await writeFile(path, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
}

export async function readPlanFile(path: string): Promise<Plan> {
  let plan: Plan;
  try {
    plan = JSON.parse(await readFile(path, 'utf8')) as Plan;
  } catch (e) {
    throw new CtoError({ severity: 'error', file: path, line: 1, col: 1, message: `not a readable plan file: ${(e as Error).message}` });
  }
  if (plan?.formatVersion !== PLAN_FORMAT_VERSION || plan.tool?.name !== 'cto' || !Array.isArray(plan.steps)) {
    throw new CtoError({ severity: 'error', file: path, line: 1, col: 1, message: `not a cto plan of format ${PLAN_FORMAT_VERSION}`, hint: 'run `cto plan -out FILE` again' });
  }
  return plan;
}

/**
 * Why a saved plan no longer describes the world, or undefined when it still does: the spec changed,
 * or a step the plan touches observes differently now, or the set of steps changed.
 */
export function staleReasons(saved: Plan, fresh: Plan): string[] {
  const reasons: string[] = [];
  if (saved.specHash !== fresh.specHash) reasons.push(`the spec ${saved.specFile} changed since the plan was made`);
  const now = new Map(fresh.steps.map((s) => [s.id, s]));
  for (const s of saved.steps) {
    const f = now.get(s.id);
    if (!f) reasons.push(`${s.id} is no longer part of the graph`);
    else if (s.action !== 'noop' && f.fingerprint !== s.fingerprint) reasons.push(`${s.id} changed in the world: it was ${s.observed}, now ${f.observed}${f.action !== s.action ? ` (now ${f.action})` : ''}`);
    else if (s.action !== f.action) reasons.push(`${s.id} would now ${f.action} instead of ${s.action}`);
  }
  for (const f of fresh.steps) if (!saved.steps.some((s) => s.id === f.id)) reasons.push(`${f.id} is new in the graph`);
  return reasons;
}
