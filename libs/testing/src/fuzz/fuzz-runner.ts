import fc from 'fast-check';

export interface FuzzStats {
  /** Cases generated and checked (shrinking runs included when a property failed). */
  cases: number;
  /** How many cases of each kind/outcome, e.g. `status:400`, `kind:mutated`. */
  counts: Record<string, number>;
  ms: number;
}

export interface FuzzOptions<C> {
  arbitrary: fc.Arbitrary<C>;
  /** At least this many cases are generated and checked. */
  cases: number;
  /** Cases run concurrently per property run (small batches over a keep-alive agent). */
  batch?: number;
  /** Runs one case and throws (an assertion) when the answer breaks the property; returns labels to count. */
  check: (fuzzCase: C) => Promise<string[]>;
  seed?: number;
}

/**
 * Runs `cases` generated cases through `check`, `batch` at a time, with fast-check's shrinking when one fails.
 * The seed is printed on failure (fast-check's report), so a failing run can be replayed with FUZZ_SEED.
 */
export async function runFuzz<C>(options: FuzzOptions<C>): Promise<FuzzStats> {
  const batch = options.batch ?? 16;
  const stats: FuzzStats = { cases: 0, counts: {}, ms: 0 };
  const started = Date.now();
  const seed = options.seed ?? (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined);
  await fc.assert(
    fc.asyncProperty(fc.array(options.arbitrary, { minLength: batch, maxLength: batch }), async (cases) => {
      const labels = await Promise.all(cases.map((c) => options.check(c)));
      stats.cases += cases.length;
      for (const label of labels.flat()) stats.counts[label] = (stats.counts[label] ?? 0) + 1;
    }),
    { numRuns: Math.ceil(options.cases / batch), ...(seed !== undefined ? { seed } : {}), endOnFailure: false, markInterruptAsFailure: true, interruptAfterTimeLimit: 240_000 },
  );
  stats.ms = Date.now() - started;
  return stats;
}

/** Pure decoders: `cases` runs of a synchronous property, counted the same way. */
export function runPureFuzz<C>(arbitrary: fc.Arbitrary<C>, cases: number, check: (fuzzCase: C) => string[]): FuzzStats {
  const stats: FuzzStats = { cases: 0, counts: {}, ms: 0 };
  const started = Date.now();
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  fc.assert(
    fc.property(arbitrary, (c) => {
      const labels = check(c);
      stats.cases += 1;
      for (const label of labels) stats.counts[label] = (stats.counts[label] ?? 0) + 1;
    }),
    { numRuns: cases, ...(seed !== undefined ? { seed } : {}) },
  );
  stats.ms = Date.now() - started;
  return stats;
}

/** Flattens counts for recordFaultResult's figures: `{cases, ms, 'status:400': n, …}`. */
export function fuzzFigures(stats: FuzzStats, extra: Record<string, number | string> = {}): Record<string, number | string> {
  return { cases: stats.cases, ms: stats.ms, ...extra, ...Object.fromEntries(Object.entries(stats.counts).sort(([a], [b]) => a.localeCompare(b))) };
}
