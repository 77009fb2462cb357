import { join } from 'node:path';
import { runBounded } from './services';

const CLI = 'apps/maintenance/src/plans/plan-fleet.cli.ts';
const START = '<!-- plan:start -->';
const END = '<!-- plan:end -->';

interface Figures { expectedUnplannedRemovals: number; cost: number; objective: number; missedWindows: number; scheduled: number; earlyRemovalWaste: number; groundedAircraftWeeks: number; ferryCost: number }
export interface PlanBenchResult {
  assets: number; seed: number; sparesPerSite: number; orders: number; weeks: number; sites: number; tenants: number; totalSeconds: number;
  optimised: Figures; greedy: Figures;
  solver: { status: string; seconds: number; timeLimitSeconds: number; mipRelGap: number; mipGap: number | null; binaries: number; rows: number; version: string };
  violations: { optimised: number; greedy: number };
}

/** Spares per airline and shop: enough for every due window, and scarce (some windows cannot be kept by any plan). */
export const PLAN_SCENARIOS = [{ name: 'spares enough', spares: 5 }, { name: 'scarce spares', spares: 3 }] as const;

/** The 500-asset simulated fleet planned by greedy and by HiGHS (maintenance's plan-fleet CLI). */
export async function planBench(workspace: string, spares: number, assets = 500): Promise<PlanBenchResult> {
  const result = await runBounded(process.execPath, ['-r', '@swc-node/register', CLI, '--assets', String(assets), '--seed', '42', '--spares', String(spares), '--time-limit', '50', '--gap', '0.01'], {
    cwd: workspace, env: { SWC_NODE_PROJECT: join(workspace, 'tsconfig.base.json') }, timeoutMs: 180_000,
  });
  const line = result.stdout.split('\n').find((l) => l.includes('"planned"'));
  if (!line) throw new Error(`plan-fleet failed (exit ${result.code}): ${result.stderr.trim().slice(-300)}`);
  return JSON.parse(line) as PlanBenchResult;
}

const money = (n: number): string => Math.round(n).toLocaleString('en-US');

export function renderPlanSection(runs: readonly { name: string; result: PlanBenchResult }[], at: Date): string {
  const row = (label: string, f: Figures) => `| ${label} | ${money(f.objective)} | ${f.expectedUnplannedRemovals.toFixed(2)} | ${money(f.cost)} | ${f.scheduled} | ${f.missedWindows} | ${money(f.earlyRemovalWaste)} | ${f.groundedAircraftWeeks} | ${money(f.ferryCost)} |`;
  const first = runs[0]!.result;
  const out = [
    START,
    '## 7. Maintenance plan optimisation',
    '',
    `Measured ${at.toISOString().replace(/\.\d+Z$/, 'Z')} by \`npm run bench -- plan\` (\`tools/bench/src/plan.bench.ts\`, which runs \`${CLI}\`). Simulated fleet \`simulatedFleetProblem({assets: ${first.assets}, seed: ${first.seed}, sparesPerSite})\`: ${first.orders} predicted work orders, ${first.tenants} airlines, ${first.sites} shops, ${first.weeks} weeks (docs/planning.md). Money in the model's currency units; the objective is expected unplanned removals × 2,000,000 + cost + missed windows × 1,000,000. The optimiser trades a little risk for cost where that pays (waiting closer to the latest safe week raises the failure probability a little and wastes less life); the objective is what it minimises.`,
    '',
  ];
  for (const { name, result: r } of runs) {
    out.push(
      `### ${name} (${r.sparesPerSite} spare engines per airline and shop)`,
      '',
      '| plan | objective | expected unplanned removals | cost | scheduled | missed windows | early-removal waste | grounded aircraft-weeks | ferry cost |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      row('greedy (earliest due first, first feasible slot)', r.greedy),
      row('optimised (HiGHS MILP)', r.optimised),
      '',
      `- Gain: objective ${money(r.greedy.objective - r.optimised.objective)} lower (${((1 - r.optimised.objective / r.greedy.objective) * 100).toFixed(1)} %). Checker findings (capacity, availability, due windows kept or missed): optimised ${r.violations.optimised}, greedy ${r.violations.greedy}.`,
      `- Solver: HiGHS ${r.solver.version} (WebAssembly, one thread), status **${r.solver.status}**, ${r.solver.seconds.toFixed(1)} s (time limit ${r.solver.timeLimitSeconds} s, mip_rel_gap ${r.solver.mipRelGap}, gap reached ${r.solver.mipGap ?? 'n/a'}), ${r.solver.binaries.toLocaleString('en-US')} binaries, ${r.solver.rows} rows; ${r.totalSeconds.toFixed(1)} s end to end including the greedy plan and model building.`,
      '',
    );
  }
  out.push(END);
  return out.join('\n');
}

/** The summary table's row: optimised vs greedy on the objective, the goal being to beat greedy with no rule broken. */
export function planSummaryRow(r: PlanBenchResult): string {
  const met = r.optimised.objective < r.greedy.objective && r.violations.optimised === 0;
  return `| 7. maintenance plan, ${r.assets}-asset simulated fleet | objective ${money(r.optimised.objective)} (expected unplanned removals ${r.optimised.expectedUnplannedRemovals.toFixed(2)}, cost ${money(r.optimised.cost)}), ${r.violations.optimised} rule violations, solved in ${r.solver.seconds.toFixed(1)} s (${r.solver.status}) | greedy baseline: objective ${money(r.greedy.objective)} (removals ${r.greedy.expectedUnplannedRemovals.toFixed(2)}, cost ${money(r.greedy.cost)}) | ${(r.optimised.objective / r.greedy.objective).toFixed(2)}× | below greedy, every capacity and due window kept, < 60 s | ${met && r.solver.seconds < 60 ? 'met' : '**missed**'} |`;
}

/**
 * Replaces the plan section and its summary row in an existing report (or adds them), leaving
 * every other figure as it was measured.
 */
export function splicePlanSection(report: string, section: string, summaryRow: string): string {
  const start = report.indexOf(START);
  const end = report.indexOf(END);
  let next = start >= 0 && end > start ? `${report.slice(0, start)}${section}${report.slice(end + END.length)}` : `${report.trimEnd()}\n\n${section}\n`;
  const lines = next.split('\n');
  const existing = lines.findIndex((l) => l.startsWith('| 7. maintenance plan'));
  if (existing >= 0) lines[existing] = summaryRow;
  else {
    const summary = lines.indexOf('## Summary');
    let last = -1;
    for (let i = summary + 1; summary >= 0 && i < lines.length && !lines[i]!.startsWith('## '); i++) if (lines[i]!.startsWith('| ')) last = i;
    if (last >= 0) lines.splice(last + 1, 0, summaryRow);
  }
  next = lines.join('\n');
  return next;
}
