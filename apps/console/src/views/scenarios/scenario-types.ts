/** What the gateway answers for what-if scenarios (docs/scenarios.md), as the console reads it. */

export const CLIMATES = ['hot-humid', 'hot-dry', 'temperate', 'cold'] as const;
export type Climate = (typeof CLIMATES)[number];
export const ROUTES = ['short-haul', 'long-haul'] as const;
export type Route = (typeof ROUTES)[number];

export interface OperatingProfile {
  deratePercent: number;
  climate: Climate;
  ambientDeltaC: number;
  route: Route;
  cyclesPerDay: number;
  hoursPerCycle: number;
}

export interface ScenarioChange {
  profile?: Partial<OperatingProfile>;
  deferral?: { workOrderId?: string; dueInCycles: number; deferCycles?: number; deferDays?: number };
  partSwap?: { component: string; inCycles: number; restoreFraction: number };
}

export interface ScenarioRequestBody {
  name?: string;
  assets: { ids: string[] } | { filter: { minFailureProbability?: number; maxRulMean?: number; limit?: number } };
  current?: Partial<OperatingProfile>;
  change: ScenarioChange;
  seed?: number;
  draws?: number;
  horizonCycles?: number;
  months?: number;
}

export interface RulSummary {
  mean: number;
  quantiles: { p: number; cycles: number }[];
  censored: number;
}

export interface ScenarioArm {
  wearMultiplier: number;
  cyclesPerDay: number;
  rulCycles: RulSummary;
  medianRulDays: number;
  failureProbability: number;
  maintenanceInCycles: number | null;
  expectedRemovalsPerMonth: number[];
}

export interface Histogram {
  /** Bin edges in cycles, shared by both arms (one more than the bins). */
  edges: number[];
  baseline: number[];
  scenario: number[];
}

export interface AssetScenarioResult {
  assetId: string;
  calibrationVersion: string;
  baseline: ScenarioArm;
  scenario: ScenarioArm;
  histogram: Histogram;
  medianRulChange: number;
}

export interface FleetArm {
  expectedRemovalsPerMonth: number[];
  expectedFailuresWithinHorizon: number;
}

export interface ScenarioResult {
  engineVersion: string;
  options: { seed: number; draws: number; horizonCycles: number; months: number; failureThreshold: number };
  assets: AssetScenarioResult[];
  fleet: { baseline: FleetArm; scenario: FleetArm };
  calibrations?: { assetId: string; version: string; valid: boolean; fitRmse: number; driftRatio: number | null; reason: string | null }[];
}

export interface ScenarioVersions {
  engine: string;
  predictorModel: string;
  calibrations: Record<string, string>;
}

export interface Scenario {
  id: string;
  tenant: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
  seed: number;
  versions: ScenarioVersions;
  inputs: { current: Partial<OperatingProfile>; change: ScenarioChange; options: Record<string, unknown>; assetIds: string[] };
  result: ScenarioResult;
}

export interface ScenarioSummary {
  id: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
  seed: number;
  versions: ScenarioVersions;
  assetIds: string[];
  change: ScenarioChange;
  fleet: { baseline: FleetArm; scenario: FleetArm };
}

export interface ScenarioList {
  scenarios: ScenarioSummary[];
}

export interface RerunAnswer {
  id: string;
  identical: boolean;
  changes: string[];
  versions: { stored: ScenarioVersions; current: ScenarioVersions };
  result: ScenarioResult;
}
