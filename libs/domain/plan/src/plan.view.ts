import { checkPlan, type PlanViolation } from './plan.check';
import { planCalendar, type PlanCalendar } from './plan.calendar';
import type { Plan, SolverReport } from './plan.events';
import type { MovedAssignment, PlanFigures } from './plan.figures';
import type { Assignment } from './plan.problem';

export interface PlanView {
  planId: string;
  tenant: string;
  status: Plan['status'];
  revision: number;
  acceptedRevision: number | null;
  startsOn: string;
  weeks: number;
  assignments: Assignment[];
  calendar: PlanCalendar;
  figures: {
    optimised: PlanFigures;
    greedy: PlanFigures;
    /** Greedy minus optimised: what the optimiser saves (positive is better). */
    gain: { objective: number; expectedUnplannedRemovals: number; cost: number; missedWindows: number };
  };
  solver: SolverReport;
  /** Accepted assignments this revision moves. */
  moved: MovedAssignment[];
  /** The checker's findings on this revision (empty when every capacity and due window holds). */
  violations: PlanViolation[];
  history: Plan['history'];
  createdAt: string;
  updatedAt: string;
}

export function planView(plan: Plan): PlanView {
  const { problem, assignments, optimised, greedy, solver } = plan.current;
  return {
    planId: plan.planId,
    tenant: plan.tenant,
    status: plan.status,
    revision: plan.revision,
    acceptedRevision: plan.acceptedRevision,
    startsOn: problem.startsOn,
    weeks: problem.weeks,
    assignments,
    calendar: planCalendar(problem, assignments),
    figures: {
      optimised,
      greedy,
      gain: {
        objective: round2(greedy.objective - optimised.objective),
        expectedUnplannedRemovals: Math.round((greedy.expectedUnplannedRemovals - optimised.expectedUnplannedRemovals) * 1e4) / 1e4,
        cost: round2(greedy.cost - optimised.cost),
        missedWindows: greedy.missedWindows - optimised.missedWindows,
      },
    },
    solver,
    moved: plan.moved,
    violations: checkPlan(problem, assignments),
    history: plan.history,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
