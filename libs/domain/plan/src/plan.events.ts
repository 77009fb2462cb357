import type { PlanSettings } from '@fleettwin/contracts';
import type { MovedAssignment, PlanFigures } from './plan.figures';
import type { Assignment, PlanProblem } from './plan.problem';

/** How the optimised plan was found: enough to judge it and to reproduce the run. */
export interface SolverReport {
  solver: string;
  version: string;
  /** The solver's model status, e.g. `Optimal`, `Time limit reached`. */
  status: string;
  seconds: number;
  timeLimitSeconds: number;
  mipRelGap: number;
  /** Relative gap between the plan found and the best bound, when the solver reports one. */
  mipGap: number | null;
  columns: number;
  rows: number;
  binaries: number;
  /** The greedy plan was handed to the solver as its first incumbent. */
  startedFromGreedy: boolean;
}

/** One computed plan: what it was computed from, its assignments and the figures beside the greedy baseline. */
export interface PlanProposal {
  settings: PlanSettings;
  problem: PlanProblem;
  assignments: Assignment[];
  optimised: PlanFigures;
  greedy: PlanFigures;
  solver: SolverReport;
}

interface Stamp {
  planId: string;
  tenant: string;
  at: string;
  by: string;
}

export interface PlanProposed {
  type: 'PlanProposed';
  data: Stamp & { revision: 1; proposal: PlanProposal };
}

/** A new revision computed against the accepted one; `moved` lists the accepted assignments it changes. */
export interface PlanRevised {
  type: 'PlanRevised';
  data: Stamp & { revision: number; basedOnRevision: number | null; proposal: PlanProposal; moved: MovedAssignment[] };
}

export interface PlanAccepted {
  type: 'PlanAccepted';
  data: Stamp & { revision: number };
}

export type PlanEvent = PlanProposed | PlanRevised | PlanAccepted;

export interface Plan {
  planId: string;
  tenant: string;
  /** `proposed` until its current revision is accepted; a revision makes it `proposed` again. */
  status: 'proposed' | 'accepted';
  revision: number;
  acceptedRevision: number | null;
  /** The accepted revision's assignments: what re-planning keeps where it can. */
  accepted: Assignment[] | null;
  current: PlanProposal;
  /** What the current revision moved of the accepted plan (empty for the first). */
  moved: MovedAssignment[];
  history: { revision: number; type: PlanEvent['type']; at: string; by: string; moved?: number }[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type PlanState = Plan | null;

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  const { at, by } = event.data;
  switch (event.type) {
    case 'PlanProposed':
      return {
        planId: event.data.planId,
        tenant: event.data.tenant,
        status: 'proposed',
        revision: 1,
        acceptedRevision: null,
        accepted: null,
        current: event.data.proposal,
        moved: [],
        history: [{ revision: 1, type: event.type, at, by }],
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
    case 'PlanRevised':
      if (!state) return state;
      return {
        ...state,
        status: 'proposed',
        revision: event.data.revision,
        current: event.data.proposal,
        moved: event.data.moved,
        history: [...state.history, { revision: event.data.revision, type: event.type, at, by, moved: event.data.moved.length }],
        updatedAt: at,
        version: state.version + 1,
      };
    case 'PlanAccepted':
      if (!state) return state;
      return {
        ...state,
        status: 'accepted',
        acceptedRevision: event.data.revision,
        accepted: state.current.assignments,
        history: [...state.history, { revision: event.data.revision, type: event.type, at, by }],
        updatedAt: at,
        version: state.version + 1,
      };
  }
}

export function foldPlan(events: readonly PlanEvent[], state: PlanState = null): PlanState {
  return events.reduce(evolvePlan, state);
}
