import { assignmentsFrom, buildPlanModel, checkPlan, columnValuesOf, greedyPlan, isCapacityViolation, planFigures, type Assignment, type PlanFigures, type PlanProblem, type SolverReport } from '@fleettwin/domain-plan';
import { solveMilp } from './highs-solver';

export interface OptimisedPlan {
  assignments: Assignment[];
  optimised: PlanFigures;
  greedyAssignments: Assignment[];
  greedy: PlanFigures;
  solver: SolverReport;
}

export class PlanNotFound extends Error {}

/**
 * Greedy baseline, then the MILP started from it: HiGHS returns the greedy plan or better. The
 * result is checked by the same checker as any plan; a solver answer that breaks a rule is an
 * error, never a plan.
 */
export async function optimisePlan(problem: PlanProblem, limits: { timeLimitSeconds: number; mipRelGap: number }): Promise<OptimisedPlan> {
  const greedyAssignments = greedyPlan(problem);
  const model = buildPlanModel(problem);
  const start = columnValuesOf(problem, model, greedyAssignments);
  const result = await solveMilp(model.lp, { ...limits, start });
  if (!result.values) throw new PlanNotFound(`the solver found no plan (${result.status})`);
  const assignments = assignmentsFrom(model, result.values);
  const broken = checkPlan(problem, assignments).filter(isCapacityViolation);
  if (broken.length) throw new Error(`the solver's plan breaks ${broken.length} rule(s), first ${JSON.stringify(broken[0])}`);
  return {
    assignments,
    optimised: planFigures(problem, assignments),
    greedyAssignments,
    greedy: planFigures(problem, greedyAssignments),
    solver: {
      solver: 'HiGHS (highs-js, WebAssembly)',
      version: result.version,
      status: result.status,
      seconds: Math.round(result.seconds * 1000) / 1000,
      timeLimitSeconds: limits.timeLimitSeconds,
      mipRelGap: limits.mipRelGap,
      mipGap: result.mipGap === null ? null : Math.round(result.mipGap * 1e6) / 1e6,
      columns: model.lp.numCols,
      rows: model.lp.numRows,
      binaries: model.binaries,
      startedFromGreedy: start !== null,
    },
  };
}
