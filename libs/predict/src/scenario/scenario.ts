import { ageAtThreshold, type DegradationCurve } from './degradation-curve';
import type { CurveFit } from './curve-fit';
import { assetRandom, drawCurves } from './monte-carlo';
import { wearMultiplier, type OperatingProfile } from './operating-profile';
import { pairedHistogram, round, summariseRul, type Histogram, type RulSummary } from './rul-distribution';

/** Bumped whenever the propagation below changes what a stored scenario would compute. */
export const SCENARIO_ENGINE_VERSION = 'scenario-1';

/** The calibration a scenario ran on, stored with it so a rerun needs nothing else. */
export interface CalibrationSnapshot {
  assetId: string;
  version: string;
  firstCycle: number;
  lastCycle: number;
  fit: CurveFit;
}

/** A hypothetical future; absent parts are "as today". */
export interface ScenarioChange {
  profile?: Partial<OperatingProfile>;
  /** A work order due in `dueInCycles` (it restores the asset) is done `deferCycles` (or `deferDays`) later. */
  deferral?: { workOrderId?: string; dueInCycles: number; deferCycles?: number; deferDays?: number };
  /** A component replaced `inCycles` from now, restoring `restoreFraction` of the wear accumulated by then. */
  partSwap?: { component: string; inCycles: number; restoreFraction: number };
}

export interface ScenarioOptions {
  seed: number;
  draws: number;
  /** Failure probability is P(unplanned removal within this many cycles). */
  horizonCycles: number;
  months: number;
  /** Health index at which the asset must come off wing. */
  failureThreshold: number;
  /** RULs beyond this are reported as censored at it. */
  maxRulCycles: number;
  histogramBins: number;
}

export const DEFAULT_SCENARIO_OPTIONS: Omit<ScenarioOptions, 'seed'> = { draws: 2000, horizonCycles: 100, months: 12, failureThreshold: 0, maxRulCycles: 20000, histogramBins: 24 };

export interface ScenarioArm {
  /** Wear per cycle relative to today. */
  wearMultiplier: number;
  cyclesPerDay: number;
  rulCycles: RulSummary;
  /** Median RUL in days at the arm's duty cycle. */
  medianRulDays: number;
  /** P(the asset fails — an unplanned removal — within the horizon). */
  failureProbability: number;
  /** Cycles until the planned work order is done, when there is one. */
  maintenanceInCycles: number | null;
  /** Expected removals (unplanned or at the work order) in each 30.44-day month from now. */
  expectedRemovalsPerMonth: number[];
}

export interface AssetScenarioResult {
  assetId: string;
  calibrationVersion: string;
  baseline: ScenarioArm;
  scenario: ScenarioArm;
  histogram: Histogram;
  /** The scenario's median RUL minus the baseline's, cycles. */
  medianRulChange: number;
}

const DAYS_PER_MONTH = 30.44;

/** Each draw's RUL in cycles, and when it is removed (failure or work order), for one arm. */
interface ArmPlan {
  multiplier: number;
  maintenanceAt: number | null;
  swap: { inCycles: number; restoreFraction: number } | null;
}

/**
 * Runs one asset's baseline and scenario forward over the same parameter draws (common random
 * numbers, so the difference is the scenario's and not sampling noise). Pure: the same snapshot,
 * profiles, change and options give the same result, bit for bit.
 */
export function runAssetScenario(snapshot: CalibrationSnapshot, current: OperatingProfile, change: ScenarioChange, options: ScenarioOptions): AssetScenarioResult {
  const next: OperatingProfile = { ...current, ...change.profile };
  const curves = drawCurves(snapshot.fit.curve, snapshot.fit.covariance, options.draws, assetRandom(options.seed, snapshot.assetId));
  const age = snapshot.lastCycle - snapshot.firstCycle;
  const due = change.deferral?.dueInCycles ?? null;
  const defer = change.deferral ? (change.deferral.deferCycles ?? 0) + (change.deferral.deferDays ?? 0) * next.cyclesPerDay : 0;
  const baselinePlan: ArmPlan = { multiplier: 1, maintenanceAt: due, swap: null };
  const scenarioPlan: ArmPlan = { multiplier: wearMultiplier(current, next), maintenanceAt: due === null ? null : due + defer, swap: change.partSwap ?? null };
  const failureAges = curves.map((c) => failureAge(c, options.failureThreshold));
  const baseRul = failureAges.map((f) => rulOf(f, age, baselinePlan));
  const scenarioRul = failureAges.map((f) => rulOf(f, age, scenarioPlan));
  const baseline = arm(baseRul, baselinePlan, current.cyclesPerDay, options);
  const scenario = arm(scenarioRul, scenarioPlan, next.cyclesPerDay, options);
  return {
    assetId: snapshot.assetId,
    calibrationVersion: snapshot.version,
    baseline,
    scenario,
    histogram: pairedHistogram(baseRul, scenarioRul, options.histogramBins, options.maxRulCycles),
    medianRulChange: round(median(scenario.rulCycles) - median(baseline.rulCycles)),
  };
}

function failureAge(curve: DegradationCurve, threshold: number): number {
  return ageAtThreshold(curve, threshold);
}

/**
 * Cycles from now until the health index reaches the threshold. Wear age advances by the
 * multiplier per cycle; a part swap sets it back by the restored share of the age reached.
 */
export function rulOf(failureAt: number, age: number, plan: ArmPlan): number {
  const remaining = Math.max(0, failureAt - age);
  if (!plan.swap || remaining <= plan.multiplier * plan.swap.inCycles) return remaining / plan.multiplier;
  const ageAtSwap = age + plan.multiplier * plan.swap.inCycles;
  const restored = ageAtSwap * (1 - plan.swap.restoreFraction);
  return plan.swap.inCycles + Math.max(0, failureAt - restored) / plan.multiplier;
}

function arm(ruls: readonly number[], plan: ArmPlan, cyclesPerDay: number, options: ScenarioOptions): ScenarioArm {
  const rulCycles = summariseRul(ruls, options.maxRulCycles);
  const unplannedWithin = (limit: number) => ruls.filter((r) => r <= limit && (plan.maintenanceAt === null || r < plan.maintenanceAt)).length / ruls.length;
  const removals = new Array<number>(options.months).fill(0);
  for (const r of ruls) {
    const removalCycle = plan.maintenanceAt === null ? r : Math.min(r, plan.maintenanceAt);
    const month = Math.floor(removalCycle / cyclesPerDay / DAYS_PER_MONTH);
    if (month < options.months) removals[month]! += 1 / ruls.length;
  }
  return {
    wearMultiplier: round(plan.multiplier),
    cyclesPerDay,
    rulCycles,
    medianRulDays: round(median(rulCycles) / cyclesPerDay),
    failureProbability: round(unplannedWithin(options.horizonCycles)),
    maintenanceInCycles: plan.maintenanceAt === null ? null : round(plan.maintenanceAt),
    expectedRemovalsPerMonth: removals.map(round),
  };
}

function median(summary: RulSummary): number {
  return summary.quantiles.find((q) => q.p === 0.5)?.cycles ?? Number.NaN;
}

/** Several assets: per asset, plus the fleet's expected removals per month and failures within the horizon. */
export interface FleetScenarioResult {
  engineVersion: string;
  options: ScenarioOptions;
  assets: AssetScenarioResult[];
  fleet: {
    baseline: { expectedRemovalsPerMonth: number[]; expectedFailuresWithinHorizon: number };
    scenario: { expectedRemovalsPerMonth: number[]; expectedFailuresWithinHorizon: number };
  };
}

export function runFleetScenario(
  assets: readonly { snapshot: CalibrationSnapshot; current: OperatingProfile }[],
  change: ScenarioChange,
  options: ScenarioOptions,
): FleetScenarioResult {
  const results = [...assets].sort((x, y) => x.snapshot.assetId.localeCompare(y.snapshot.assetId)).map((a) => runAssetScenario(a.snapshot, a.current, change, options));
  const total = (pick: (r: AssetScenarioResult) => ScenarioArm) => ({
    expectedRemovalsPerMonth: Array.from({ length: options.months }, (_, m) => round(results.reduce((s, r) => s + (pick(r).expectedRemovalsPerMonth[m] as number), 0))),
    expectedFailuresWithinHorizon: round(results.reduce((s, r) => s + pick(r).failureProbability, 0)),
  });
  return { engineVersion: SCENARIO_ENGINE_VERSION, options, assets: results, fleet: { baseline: total((r) => r.baseline), scenario: total((r) => r.scenario) } };
}
