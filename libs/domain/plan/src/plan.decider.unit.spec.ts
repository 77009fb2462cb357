import { decidePlan, type PlanCommand } from './plan.decider';
import { foldPlan, type PlanEvent, type PlanProposal } from './plan.events';
import { planFigures } from './plan.figures';
import { smallProblem } from './plan.fixtures';
import type { Assignment } from './plan.problem';

const meta = { at: '2026-01-05T08:00:00Z', actor: 'planner-1' };
const target = { planId: 'P-1', tenant: 'acme' };
const stamp = { ...target, at: meta.at, by: meta.actor };

function proposal(assignments: Assignment[]): PlanProposal {
  const problem = smallProblem();
  const figures = planFigures(problem, assignments);
  return {
    settings: { startsOn: '2026-01-05', weeks: 4, sites: [], ferries: [], homeBases: {}, policy: { spares: {}, groundedCostPerWeek: 0 }, costs: { unplannedRemoval: 0, missedWindow: 0, lifeValuePerWeek: 0, changePenalty: 0 }, hoursByKind: {}, turnDaysByKind: {}, safetyMarginCycles: 10, solver: { timeLimitSeconds: 1, mipRelGap: 0 } },
    problem,
    assignments,
    optimised: figures,
    greedy: figures,
    solver: { solver: 'test', version: '0', status: 'Optimal', seconds: 0, timeLimitSeconds: 1, mipRelGap: 0, mipGap: 0, columns: 0, rows: 0, binaries: 0, startedFromGreedy: false },
  };
}

const first = proposal([{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-2', siteId: 'HOME', week: 1 }, { workOrderId: 'WO-3', siteId: 'HOME', week: 2 }]);
const second = proposal([{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-2', siteId: 'AWAY', week: 1 }, { workOrderId: 'WO-3', siteId: 'HOME', week: 2 }]);

function given(events: PlanEvent[]) {
  const state = foldPlan(events);
  return { when: (command: PlanCommand) => decidePlan(command, state) };
}

const proposed: PlanEvent = { type: 'PlanProposed', data: { ...stamp, revision: 1, proposal: first } };
const accepted: PlanEvent = { type: 'PlanAccepted', data: { ...stamp, revision: 1 } };

describe('plan decider', () => {
  it('given nothing, when proposed, then PlanProposed at revision 1', () => {
    expect(given([]).when({ type: 'ProposePlan', data: { ...target, proposal: first }, metadata: meta })).toEqual({ ok: true, events: [proposed] });
  });

  it('given a proposal that breaks a capacity, then it is refused', () => {
    const crowded = proposal([{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-2', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-3', siteId: 'HOME', week: 2 }]);
    expect(given([]).when({ type: 'ProposePlan', data: { ...target, proposal: crowded }, metadata: meta })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  });

  it('given a proposed plan, when accepted at its revision, then PlanAccepted; again, then nothing (a retry)', () => {
    expect(given([proposed]).when({ type: 'AcceptPlan', data: { ...target, revision: 1 }, metadata: meta })).toEqual({ ok: true, events: [accepted] });
    expect(given([proposed, accepted]).when({ type: 'AcceptPlan', data: { ...target, revision: 1 }, metadata: meta })).toEqual({ ok: true, events: [] });
  });

  it('given an accepted plan, when revised, then the moved assignments are listed and the revision must be accepted again', () => {
    const decision = given([proposed, accepted]).when({ type: 'RevisePlan', data: { ...target, proposal: second }, metadata: meta });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'PlanRevised', data: { ...stamp, revision: 2, basedOnRevision: 1, proposal: second, moved: [{ workOrderId: 'WO-2', from: { siteId: 'HOME', week: 1 }, to: { siteId: 'AWAY', week: 1 } }] } }],
    });
    const state = foldPlan([proposed, accepted, ...(decision.ok ? decision.events : [])]);
    expect(state).toMatchObject({ status: 'proposed', revision: 2, acceptedRevision: 1, version: 3 });
    expect(decidePlan({ type: 'AcceptPlan', data: { ...target, revision: 1 }, metadata: meta }, state)).toMatchObject({ ok: false, error: { code: 'STALE_REVISION' } });
  });

  it('given another tenant’s plan, then NOT_FOUND, like a missing one', () => {
    expect(given([proposed]).when({ type: 'AcceptPlan', data: { planId: 'P-1', tenant: 'globex', revision: 1 }, metadata: meta })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(given([]).when({ type: 'RevisePlan', data: { ...target, proposal: second }, metadata: meta })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
