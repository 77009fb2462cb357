import loadHighs, { type Highs } from 'highs';
import type { LinearProgram } from '@fleettwin/domain-plan';

export interface MilpOptions {
  timeLimitSeconds: number;
  mipRelGap: number;
  /** A feasible assignment of every column to start from (the solver keeps the best it finds). */
  start?: Float64Array | null;
}

export interface MilpResult {
  /** HiGHS model status, readable: `Optimal`, `Time limit reached`, `Infeasible`, … */
  status: string;
  /** Column values of the best solution found; null when there is none. */
  values: Float64Array | null;
  objective: number | null;
  mipGap: number | null;
  seconds: number;
  version: string;
}

const STATUS_NAMES: Record<number, string> = {
  0: 'Not set', 1: 'Load error', 2: 'Model error', 3: 'Presolve error', 4: 'Solve error', 5: 'Postsolve error', 6: 'Empty',
  7: 'Optimal', 8: 'Infeasible', 9: 'Unbounded or infeasible', 10: 'Unbounded', 11: 'Objective bound', 12: 'Objective target',
  13: 'Time limit reached', 14: 'Iteration limit reached', 15: 'Unknown', 16: 'Solution limit reached', 17: 'Interrupted',
};

let runtime: Promise<Highs> | undefined;

/** One WebAssembly instance per process, compiled on first use. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

/**
 * Solves a MILP with HiGHS (WebAssembly, single-threaded). The call blocks the event loop for
 * up to the time limit: callers keep models small or limits short. The native model is disposed
 * whatever happens.
 */
export async function solveMilp(lp: LinearProgram, options: MilpOptions): Promise<MilpResult> {
  const highs = await highsRuntime();
  const model = highs.createModel({
    numCols: lp.numCols,
    numRows: lp.numRows,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity)),
    rowLower: lp.rowLower.map((l) => (Number.isFinite(l) ? l : -highs.infinity)),
    rowUpper: lp.rowUpper.map((u) => (Number.isFinite(u) ? u : highs.infinity)),
    matrix: { format: 'csr', numRows: lp.numRows, numCols: lp.numCols, starts: lp.starts, indices: lp.index, values: lp.value },
    integrality: Int32Array.from(lp.integer, (i) => (i ? highs.constants.variableType.integer : highs.constants.variableType.continuous)),
  });
  try {
    model.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: options.mipRelGap, random_seed: 0 });
    if (options.start) model.setSolution({ colValue: options.start });
    const started = performance.now();
    model.run();
    const seconds = (performance.now() - started) / 1000;
    const code = model.getModelStatus();
    const primal = Number(model.info.get('primal_solution_status'));
    const hasSolution = primal === 2;
    const gap = hasSolution ? Number(model.info.get('mip_gap')) : NaN;
    return {
      status: STATUS_NAMES[code] ?? `status ${code}`,
      values: hasSolution ? Float64Array.from(model.getSolution().colValue) : null,
      objective: hasSolution ? model.getObjectiveValue() : null,
      mipGap: Number.isFinite(gap) ? gap : null,
      seconds,
      version: highs.version.string,
    };
  } finally {
    model.dispose();
  }
}
