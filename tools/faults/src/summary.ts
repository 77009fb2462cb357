/**
 * Prints the fault suite's summary table from FAULT_RESULTS_DIR (tmp/faults-run under the runner; one file per scenario, written by
 * recordFaultResult) and Jest's JSON report; with `--write-docs <file>` also rewrites the figures
 * table between `<!-- faults:begin -->` and `<!-- faults:end -->` in that file. Exits 1 when a
 * scenario failed or a spec failed without recording its figures.
 *   node -r @swc-node/register tools/faults/src/summary.ts tmp/jest-faults.json [--write-docs docs/reliability.md]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAULT_RESULTS_DIR, WORKSPACE_ROOT, type FaultResult } from '@fleettwin/testing';
import { faultTable, failedSuites, replaceBetweenMarkers, textTable, type JestReport } from './summary-table';

function readResults(): FaultResult[] {
  if (!existsSync(FAULT_RESULTS_DIR)) return [];
  return readdirSync(FAULT_RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FAULT_RESULTS_DIR, f), 'utf8')) as FaultResult)
    .sort((a, b) => a.group.localeCompare(b.group) || a.scenario.localeCompare(b.scenario));
}

function main(): void {
  const [reportFile, flag, docsFile] = process.argv.slice(2);
  const report: JestReport | undefined = reportFile && existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport) : undefined;
  const results = readResults();
  console.log(textTable(results));
  const failedFiles = report ? failedSuites(report).map((f) => relative(WORKSPACE_ROOT, f)) : [];
  if (report) console.log(`\nspecs: ${report.numPassedTests} tests passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped in ${report.numTotalTestSuites} files`);
  else console.log(`\nno Jest report at ${reportFile ?? '(none given)'}`);
  for (const file of failedFiles) console.log(`failed: ${file}`);
  const failed = results.filter((r) => !r.passed).length + failedFiles.length + (report ? 0 : 1);
  if (flag === '--write-docs' && docsFile) {
    const text = readFileSync(docsFile, 'utf8');
    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    writeFileSync(docsFile, replaceBetweenMarkers(text, faultTable(results, when, failedFiles, Number(process.env.FAULTS_SUITE_SECONDS) || undefined)));
    console.log(`figures written to ${docsFile}`);
  }
  if (failed) process.exitCode = 1;
}

main();
