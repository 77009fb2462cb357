import type { FaultResult } from '@fleettwin/testing';

export interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTestSuites: number;
  testResults: { name: string; status: string }[];
}

export const BEGIN = '<!-- faults:begin -->';
export const END = '<!-- faults:end -->';

export function formatFigures(figures: FaultResult['figures']): string {
  return Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v}`)
    .join(', ');
}

/** The console table: scenario, group, passed, figures. */
export function textTable(results: readonly FaultResult[]): string {
  const rows = [['scenario', 'group', 'passed', 'figures'], ...results.map((r) => [r.scenario, r.group, r.passed ? 'yes' : 'NO', formatFigures(r.figures)])];
  if (rows.length === 1) return 'no scenario recorded figures';
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => [...r.slice(0, 3).map((cell, i) => cell.padEnd(widths[i])), r[3]].join('  ')).join('\n');
}

/** The markdown table written into docs/reliability.md. */
export function faultTable(results: readonly FaultResult[], measuredAt: string, failedFiles: readonly string[] = [], suiteSeconds?: number): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `Measured by \`npm run test:faults\` on ${measuredAt} (${results.filter((r) => r.passed).length} of ${results.length} scenarios passed${suiteSeconds ? `; the whole suite took ${(suiteSeconds / 60).toFixed(1)} min` : ''}). Do not edit by hand.`,
    ...(failedFiles.length ? ['', `**Spec files that failed in this run** (their rows may be missing): ${failedFiles.map((f) => `\`${f}\``).join(', ')}.`] : []),
    '',
    '| scenario | group | passed | figures |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| \`${r.scenario}\` | ${r.group} | ${r.passed ? 'yes' : '**no**'} | ${escape(formatFigures(r.figures))} |`),
  ].join('\n');
}

/** The markers count only on lines of their own: the prose may mention them. */
export function replaceBetweenMarkers(text: string, body: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(BEGIN);
  const end = lines.indexOf(END, start + 1);
  if (start < 0 || end < 0) throw new Error(`the markers ${BEGIN} … ${END} are missing (each on a line of its own)`);
  return [...lines.slice(0, start + 1), body, ...lines.slice(end)].join('\n');
}

export function failedSuites(report: JestReport): string[] {
  return report.testResults.filter((r) => r.status !== 'passed').map((r) => r.name);
}
