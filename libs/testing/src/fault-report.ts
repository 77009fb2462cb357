import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './services';

/** One row of the fault suite's summary table (`npm run test:faults`) and of docs/reliability.md. */
export interface FaultResult {
  /** Stable id, also the file name: `sigkill-ingest`, `fuzz-http-ingest-batch`, `mqtt-acl`. */
  scenario: string;
  group: 'faults' | 'fuzz' | 'security';
  passed: boolean;
  /** What the scenario measured: readings sent / acknowledged / reflected, duplicates, recovery ms, cases run. */
  figures: Record<string, number | string>;
}

/** `npm run test:faults` gives its run a directory of its own, so ad-hoc spec runs beside it cannot mix rows into its table. */
export const FAULT_RESULTS_DIR = process.env.FLEETTWIN_FAULT_RESULTS_DIR ?? join(WORKSPACE_ROOT, 'tmp', 'faults');

/** Writes a scenario's figures for the runner's summary; call it after the assertions, with what was measured. */
export function recordFaultResult(result: FaultResult): void {
  mkdirSync(FAULT_RESULTS_DIR, { recursive: true });
  writeFileSync(join(FAULT_RESULTS_DIR, `${result.scenario}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
