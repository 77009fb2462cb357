import { checkPlan, movedAssignments, simulatedFleetProblem, smallProblemForTests, type Assignment, type PlanProblem } from '@fleettwin/domain-plan';
import { optimisePlan } from './plan-optimiser';
import { optimisePlanInWorker } from './plan-optimiser.thread';

const LIMITS = { timeLimitSeconds: 50, mipRelGap: 0.01 };

describe('optimisePlan on a small problem', () => {
  it('given three orders and one slot a week per shop, then the optimised plan keeps every rule and costs no more than greedy', async () => {
    const problem = smallProblemForTests();
    const plan = await optimisePlan(problem, LIMITS);
    expect(checkPlan(problem, plan.assignments)).toEqual([]);
    expect(checkPlan(problem, plan.greedyAssignments)).toEqual([]);
    expect(plan.optimised.objective).toBeLessThan(plan.greedy.objective);
    // Inducting each order in its latest safe week wastes no life; greedy inducts them at once.
    expect(plan.optimised.earlyRemovalWaste).toBe(0);
    expect(plan.solver).toMatchObject({ status: 'Optimal', startedFromGreedy: true });
  });
});

describe('re-planning changes as little as possible of the accepted plan', () => {
  it('given new predictions (tighter windows, new orders), then the change penalty keeps most accepted assignments where they were', async () => {
    const before = roomy(simulatedFleetProblem({ assets: 120, seed: 7 }));
    const accepted = await optimisePlan(before, LIMITS);
    const acceptedBy = Object.fromEntries(accepted.assignments.map((a: Assignment) => [a.workOrderId, { siteId: a.siteId, week: a.week }]));
    const newer = roomy(simulatedFleetProblem({ assets: 130, seed: 7 }));
    // New evidence pulls ten orders' latest safe week in by one week; ten more orders arrive.
    const after: PlanProblem = {
      ...before,
      orders: [...before.orders.map((o, i) => (i % 12 === 0 && o.latestWeek > 1 ? { ...o, latestWeek: o.latestWeek - 1 } : o)), ...newer.orders.slice(120).map((o) => ({ ...o, workOrderId: `${o.workOrderId}-new` }))],
      accepted: acceptedBy,
    };
    const replanned = await optimisePlan(after, LIMITS);
    const fresh = await optimisePlan({ ...after, accepted: {} }, LIMITS);
    const movedWithPenalty = movedAssignments(after, replanned.assignments).length;
    const movedWithout = movedAssignments(after, fresh.assignments).length;
    expect(checkPlan(after, replanned.assignments)).toEqual([]);
    expect(replanned.optimised.moved).toBe(movedWithPenalty);
    expect(movedWithPenalty).toBeLessThan(movedWithout);
    expect(movedWithPenalty).toBeLessThanOrEqual(Math.ceil(accepted.assignments.length * 0.15));
  }, 240_000); // three solves, each within its time limit on a loaded machine
});

/** The scaled-down fleet's shops and spares, a little larger: this test is about moves, not scarcity. */
function roomy(problem: PlanProblem): PlanProblem {
  return {
    ...problem,
    sites: problem.sites.map((s) => ({ ...s, slots: s.slots.map(() => 4), hours: s.hours.map(() => 900) })),
    tenants: problem.tenants.map((t) => ({ ...t, spares: Object.fromEntries(Object.keys(t.spares).map((k) => [k, 2])), maxAssetsDown: 2 })),
  };
}

describe('500-asset simulated fleet', () => {
  it('the optimised plan keeps every capacity and due window and beats the greedy baseline on expected removals + cost', async () => {
    const problem = simulatedFleetProblem({ assets: 500, seed: 42 });
    const plan = await optimisePlan(problem, LIMITS);
    expect(checkPlan(problem, plan.assignments)).toEqual([]);
    expect(checkPlan(problem, plan.greedyAssignments)).toEqual([]);
    expect(plan.optimised.objective).toBeLessThan(plan.greedy.objective);
    expect(plan.optimised.missedWindows).toBe(0);
    expect(plan.solver.seconds).toBeLessThan(60);
  }, 180_000);
});

describe('optimisePlanInWorker', () => {
  it('gives the plan the in-process optimiser gives, off the caller’s event loop', async () => {
    const problem = smallProblemForTests();
    const [inProcess, inWorker] = await Promise.all([optimisePlan(problem, LIMITS), optimisePlanInWorker(problem, LIMITS)]);
    expect(inWorker.assignments).toEqual(inProcess.assignments);
    expect(inWorker.optimised).toEqual(inProcess.optimised);
  });
});
