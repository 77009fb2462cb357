import type fc from 'fast-check';
import { recordFaultResult } from '../fault-report';
import { fuzzFigures, runFuzz, type FuzzStats } from './fuzz-runner';
import { httpCaseCheck, type HttpCase } from './http-cases';
import type { RawHttpClient } from './http-client';
import { PropertyBroken } from './refusal-checks';

/** Cases a fuzz suite runs: 10,000 unless `FUZZ_CASES` shortens a local run. */
export function fuzzCaseCount(fallback = 10_000): number {
  return Number(process.env.FUZZ_CASES ?? fallback);
}

export interface HttpEdgeFuzz {
  /** Row id in the fault suite's summary, e.g. `fuzz-http-gateway`. */
  scenario: string;
  /** What the calls went through, for the summary: `real HTTP → twin-state → Postgres`. */
  path: string;
  client: RawHttpClient;
  arbitrary: fc.Arbitrary<HttpCase>;
  cases: number;
  /** Checks run after the cases and before the result is recorded, e.g. the service is still healthy. */
  afterwards?: () => Promise<void>;
}

/**
 * The run every fuzzed HTTP edge makes: `cases` generated calls, 16 at a time, each held to the
 * contract by httpCaseCheck (no 5xx, precise refusals); then the figures go to the fault summary.
 */
export async function fuzzHttpEdge(options: HttpEdgeFuzz): Promise<FuzzStats> {
  const stats = await runFuzz({ arbitrary: options.arbitrary, cases: options.cases, batch: 16, check: httpCaseCheck(options.client) });
  if (stats.cases < options.cases) throw new PropertyBroken(`${options.scenario}: only ${stats.cases} of ${options.cases} cases ran`);
  await options.afterwards?.();
  recordFaultResult({ scenario: options.scenario, group: 'fuzz', passed: true, figures: fuzzFigures(stats, { path: options.path }) });
  return stats;
}
