import { CtoError } from '../../diagnostics/error.js';
import type { Plan } from '../../planner/plan.js';
import { renderPlanHuman } from './plan-human.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { envConfig } from '../../config/env.js';

export type PlanFormat = 'human' | 'markdown' | 'json';
const FORMATS: PlanFormat[] = ['human', 'markdown', 'json'];

/** Whether to colour: only a terminal, never with NO_COLOR (https://no-color.org). */
export const useColor = (stream: NodeJS.WriteStream, env = process.env) => stream.isTTY === true && !envConfig(env).noColor;

export function renderPlan(plan: Plan, format: string, color: boolean): string {
  if (!FORMATS.includes(format as PlanFormat)) throw new CtoError({ severity: 'error', message: `unknown plan format "${format}"`, hint: `use one of ${FORMATS.join(', ')}` });
  if (format === 'json') return JSON.stringify(plan, null, 2);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanHuman(plan, { color });
}
