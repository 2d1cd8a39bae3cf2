import { createColors } from 'picocolors';
import type { Plan } from '../../planner/plan.js';
import { costLine, diskLines, fieldLine, PHASE_TITLE, regionLine, stepsByPhase, summaryLine, SYMBOL, totalCostLine } from './plan-symbols.js';

/** The plan for a terminal or a CI log, rendered from the JSON plan. Colours only when asked. */
export function renderPlanHuman(plan: Plan, opts: { color: boolean }): string {
  const c = createColors(opts.color);
  const paint = { create: c.green, update: c.yellow, delete: c.red, replace: c.magenta, noop: c.dim } as const;
  const out: string[] = [`cto plan for cluster ${c.bold(plan.cluster)} (${plan.specFile})`];
  const region = regionLine(plan);
  if (region) out.push(region);
  out.push(...diskLines(plan));
  out.push('');
  for (const [phase, steps] of stepsByPhase(plan)) {
    const changing = steps.filter((s) => s.action !== 'noop');
    const upToDate = steps.length - changing.length;
    out.push(c.bold(`${PHASE_TITLE[phase]}${upToDate ? c.dim(`  (${upToDate} up to date)`) : ''}`));
    for (const s of changing) {
      const unknown = s.observed === 'unknown' && !s.reason.includes('known after') ? c.dim(' (known after apply)') : '';
      out.push(`  ${paint[s.action](`${SYMBOL[s.action].padEnd(3)} ${s.id}`)}  ${s.action}: ${s.reason}${unknown}`);
      for (const f of s.fields) out.push(`        ${fieldLine(f)}`);
      if (s.cost) out.push(`        ${costLine(s.cost)}`);
      for (const n of s.notes) out.push(`        ${c.yellow(`note: ${n}`)}`);
      if (s.refused) out.push(`        ${c.red(`refused: ${s.refused}`)}`);
    }
    out.push('');
  }
  out.push(c.bold(summaryLine(plan)));
  const cost = totalCostLine(plan);
  if (cost) out.push(cost);
  return out.join('\n');
}
