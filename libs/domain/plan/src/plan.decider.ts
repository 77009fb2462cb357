import { isCapacityViolation, checkPlan } from './plan.check';
import type { MovedAssignment } from './plan.figures';
import type { Plan, PlanEvent, PlanProposal, PlanState } from './plan.events';

/** When and who: outside inputs arrive with the command, never from a clock inside. */
export interface PlanCommandMetadata {
  at: string;
  actor: string;
}

interface Target {
  planId: string;
  tenant: string;
}

export type PlanCommand =
  | { type: 'ProposePlan'; data: Target & { proposal: PlanProposal }; metadata: PlanCommandMetadata }
  | { type: 'RevisePlan'; data: Target & { proposal: PlanProposal }; metadata: PlanCommandMetadata }
  | { type: 'AcceptPlan'; data: Target & { revision: number }; metadata: PlanCommandMetadata };

export type PlanErrorCode = 'NOT_FOUND' | 'ALREADY_EXISTS' | 'INVALID' | 'STALE_REVISION';
export interface PlanError {
  code: PlanErrorCode;
  message: string;
}

export type PlanDecision = { ok: true; events: PlanEvent[] } | { ok: false; error: PlanError };

const accept = (events: PlanEvent[]): PlanDecision => ({ ok: true, events });
const refuse = (code: PlanErrorCode, message: string): PlanDecision => ({ ok: false, error: { code, message } });

export function decidePlan(command: PlanCommand, state: PlanState): PlanDecision {
  switch (command.type) {
    case 'ProposePlan': {
      if (state) return refuse('ALREADY_EXISTS', `plan ${command.data.planId} already exists`);
      const problem = unusable(command.data.proposal);
      if (problem) return refuse('INVALID', problem);
      return accept([{ type: 'PlanProposed', data: { ...stamp(command), revision: 1, proposal: command.data.proposal } }]);
    }
    case 'RevisePlan':
      return withPlan(command, state, (plan) => {
        const problem = unusable(command.data.proposal);
        if (problem) return refuse('INVALID', problem);
        const moved = movedFromAccepted(plan, command.data.proposal);
        return accept([{ type: 'PlanRevised', data: { ...stamp(command), revision: plan.revision + 1, basedOnRevision: plan.acceptedRevision, proposal: command.data.proposal, moved } }]);
      });
    case 'AcceptPlan':
      return withPlan(command, state, (plan) => {
        if (command.data.revision !== plan.revision) return refuse('STALE_REVISION', `plan ${plan.planId} is at revision ${plan.revision}, not ${command.data.revision}`);
        // Accepting what is already accepted is a retry: nothing new happens.
        if (plan.acceptedRevision === plan.revision) return accept([]);
        return accept([{ type: 'PlanAccepted', data: { ...stamp(command), revision: plan.revision } }]);
      });
  }
}

/** Another tenant's plan answers NOT_FOUND like a missing one, so ids cannot be probed across tenants. */
function withPlan(command: PlanCommand, state: PlanState, decide: (plan: Plan) => PlanDecision): PlanDecision {
  if (!state || state.tenant !== command.data.tenant || state.planId !== command.data.planId) return refuse('NOT_FOUND', `no plan ${command.data.planId}`);
  return decide(state);
}

/** A proposal that breaks a capacity, reach or availability rule is refused; missed windows are reported, not refused. */
function unusable(proposal: PlanProposal): string | null {
  const broken = checkPlan(proposal.problem, proposal.assignments).filter(isCapacityViolation);
  if (!broken.length) return null;
  return `the plan breaks ${broken.length} rule(s), first ${JSON.stringify(broken[0])}`;
}

/** Accepted assignments of orders still being planned that the new revision puts elsewhere or leaves out. */
export function movedFromAccepted(plan: Plan, proposal: PlanProposal): MovedAssignment[] {
  if (!plan.accepted) return [];
  const next = new Map(proposal.assignments.map((a) => [a.workOrderId, a]));
  const stillPlanned = new Set(proposal.problem.orders.map((o) => o.workOrderId));
  return plan.accepted
    .filter((a) => stillPlanned.has(a.workOrderId))
    .flatMap((a): MovedAssignment[] => {
      const to = next.get(a.workOrderId);
      if (to && to.siteId === a.siteId && to.week === a.week) return [];
      return [{ workOrderId: a.workOrderId, from: { siteId: a.siteId, week: a.week }, to: to ? { siteId: to.siteId, week: to.week } : null }];
    });
}

function stamp(command: PlanCommand) {
  return { planId: command.data.planId, tenant: command.data.tenant, at: command.metadata.at, by: command.metadata.actor };
}
