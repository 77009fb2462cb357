// Public API of maintenance planning: the problem in week units, the MILP model, the greedy
// baseline, the checker and figures every plan is judged by, and the event-sourced Plan aggregate.
export * from './plan.problem';
export * from './failure-curve';
export * from './plan-problem.builder';
export * from './plan.occupancy';
export * from './plan.figures';
export * from './plan.check';
export * from './greedy';
export * from './plan.milp';
export * from './plan.events';
export * from './plan.decider';
export * from './plan.calendar';
export * from './plan.view';
export * from './plan.drift';
export * from './simulated-fleet';
export { smallProblem as smallProblemForTests } from './plan.fixtures';
