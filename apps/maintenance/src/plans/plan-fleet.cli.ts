/**
 * Plans the simulated fleet with greedy and HiGHS and prints one JSON line `{"event":"planned",…}`
 * (the benchmark reads it): `node -r @swc-node/register apps/maintenance/src/plans/plan-fleet.cli.ts --assets 500 --seed 42 [--spares 5] [--time-limit 50] [--gap 0.01]`.
 */
import { checkPlan, simulatedFleetProblem } from '@fleettwin/domain-plan';
import { optimisePlan } from '@fleettwin/plan-solver';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const assets = arg('assets', 500);
  const seed = arg('seed', 42);
  const limits = { timeLimitSeconds: arg('time-limit', 50), mipRelGap: arg('gap', 0.005) };
  const sparesPerSite = arg('spares', 5);
  const problem = simulatedFleetProblem({ assets, seed, sparesPerSite });
  const started = performance.now();
  const plan = await optimisePlan(problem, limits);
  const seconds = (performance.now() - started) / 1000;
  const violations = { optimised: checkPlan(problem, plan.assignments).length, greedy: checkPlan(problem, plan.greedyAssignments).length };
  process.stdout.write(`${JSON.stringify({ event: 'planned', assets, seed, sparesPerSite, weeks: problem.weeks, sites: problem.sites.length, tenants: problem.tenants.length, orders: problem.orders.length, totalSeconds: seconds, optimised: plan.optimised, greedy: plan.greedy, solver: plan.solver, violations })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`plan-fleet failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
