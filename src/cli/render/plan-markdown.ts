import { buildGraph } from '../../planner/compile.js';
import type { Plan } from '../../planner/plan.js';
import type { Step } from '../../planner/step.js';
import { renderGraphMermaid } from './graph.js';
import { costLine, diskLines, fieldLine, PHASE_TITLE, regionLine, stepsByPhase, summaryLine, SYMBOL, totalCostLine } from './plan-symbols.js';

/** GitHub refuses comments over 65,536 characters; keep a margin for the notice. */
export const COMMENT_LIMIT = 65_536;

/** A pull-request comment: summary table, per-phase details, the graph as Mermaid. */
export function renderPlanMarkdown(plan: Plan, limit = COMMENT_LIMIT): string {
  const region = regionLine(plan);
  const cost = totalCostLine(plan);
  const head = [`### cto plan: \`${plan.cluster}\``, '', `**${summaryLine(plan)}**`, ...(cost ? ['', `**${cost}**`] : []), ...(region ? ['', region] : []), ...diskLines(plan).flatMap((l) => ['', l]), '', '| phase | create | update | replace | delete | unchanged |', '|---|---|---|---|---|---|'];
  for (const [phase, steps] of stepsByPhase(plan)) {
    const n = (a: string) => steps.filter((s) => s.action === a).length;
    head.push(`| ${PHASE_TITLE[phase]} | ${n('create')} | ${n('update')} | ${n('replace')} | ${n('delete')} | ${n('noop')} |`);
  }
  const refused = plan.steps.filter((s) => s.refused);
  if (refused.length) head.push('', `> [!CAUTION]\n> ${refused.length} destructive change(s) refused: ${refused.map((s) => `\`${s.id}\``).join(', ')}`);

  const sections: string[] = [];
  for (const [phase, steps] of stepsByPhase(plan)) {
    const changing = steps.filter((s) => s.action !== 'noop');
    if (!changing.length) continue;
    const body = changing.map((s) => {
      const lines = [`${SYMBOL[s.action]} ${s.id}: ${s.action}: ${s.reason}${s.observed === 'unknown' && !s.reason.includes('known after') ? ' (known after apply)' : ''}`];
      for (const f of s.fields) lines.push(`      ${fieldLine(f)}`);
      if (s.cost) lines.push(`      ${costLine(s.cost)}`);
      for (const note of s.notes) lines.push(`      note: ${note}`);
      return lines.join('\n');
    });
    sections.push(`<details><summary>${PHASE_TITLE[phase]}: ${changing.length} change(s)</summary>\n\n\`\`\`diff\n${body.join('\n')}\n\`\`\`\n</details>`);
  }
  const steps: Step[] = plan.steps.map((s) => ({ id: s.id, kind: s.kind, phase: s.phase, dependsOn: s.dependsOn, desired: {} }));
  const label = (id: string) => `${SYMBOL[plan.steps.find((s) => s.id === id)!.action].trim()} ${id}`.trim();
  sections.push(`<details><summary>Step graph</summary>\n\n\`\`\`mermaid\n${renderGraphMermaid(buildGraph(steps), label)}\n\`\`\`\n</details>`);

  let text = head.join('\n');
  const notice = (n: number) => `\n\n> [!WARNING]\n> Truncated: ${n} section(s) left out to stay under GitHub's ${limit}-character comment limit. Run \`cto plan\` locally for the whole plan.`;
  for (let i = 0; i < sections.length; i++) {
    const next = `${text}\n\n${sections[i]}`;
    if (next.length + notice(sections.length).length > limit) return text + notice(sections.length - i);
    text = next;
  }
  return text;
}
