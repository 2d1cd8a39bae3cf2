import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { repoRoot } from '../support/cli.js';

/**
 * Where a campaign writes its figures: `npm run test:slow` sets CTO_RELIABILITY_REPORT for the crash campaign
 * (bench/RELIABILITY-run.md); another campaign adds its own suffix beside it, so one variable names them all.
 */
export function campaignReportPath(suffix?: string): string | undefined {
  const report = process.env.CTO_RELIABILITY_REPORT;
  if (!report || !suffix) return report;
  return report.replace(/(\.md)?$/, `-${suffix}.md`);
}

/** The commit a report's figures were measured on: read once, when the campaign starts. */
export function campaignCommit(): string {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
}

/** When and on what a report was measured, the first words of its setup paragraph. */
export function campaignStamp(commit: string): string {
  return `Machine: 2 cores, 24 GiB. ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}.`;
}

/** A markdown table: header cells, then rows; a `|` inside a cell is escaped. */
export function markdownTable(header: string[], rows: (string | number)[][]): string[] {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---|').join('')}`, ...rows.map(line)];
}

/** Rewrites the report whole: a campaign calls it after every trial, so one stopped part-way still leaves its figures. */
export function writeCampaignReport(path: string, title: string, setup: string, ...sections: string[][]): void {
  writeFileSync(path, [`# ${title}`, '', setup, '', ...sections.flatMap((s) => [...s, '']) ].join('\n'));
}
