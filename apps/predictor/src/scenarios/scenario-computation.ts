import { DEFAULT_PROFILE, DEFAULT_SCENARIO_OPTIONS, runFleetScenario, type CalibrationSnapshot, type FleetScenarioResult, type OperatingProfile, type ScenarioChange, type ScenarioOptions } from '@fleettwin/predict';
import type { ScenarioRequest } from './scenario.request';

/** The predictor's own view of an asset when the scenario ran, shown beside the calibrated model's. */
export interface PredictorReference {
  assetId: string;
  modelVersion: string;
  cycle: number;
  rul: { mean: number; lower: number; upper: number; coverage: number };
  failureProbability: number;
  horizon: number;
}

export interface CalibrationStatus {
  assetId: string;
  version: string;
  valid: boolean;
  fitRmse: number | null;
  driftRatio: number | null;
  reason: string | null;
}

/** Everything a scenario's result is computed from; stored, so a rerun needs nothing else. */
export interface ScenarioInputs {
  current: OperatingProfile;
  change: ScenarioChange;
  options: ScenarioOptions;
  snapshots: CalibrationSnapshot[];
  calibrations: CalibrationStatus[];
  predictor: PredictorReference[];
}

export type ScenarioResult = FleetScenarioResult & { calibrations: CalibrationStatus[]; predictor: PredictorReference[] };

export function scenarioInputs(request: ScenarioRequest, seed: number, snapshots: CalibrationSnapshot[], calibrations: CalibrationStatus[], predictor: PredictorReference[]): ScenarioInputs {
  const { draws, horizonCycles, months, failureThreshold } = request;
  return {
    current: { ...DEFAULT_PROFILE, ...request.current },
    change: request.change,
    options: { ...DEFAULT_SCENARIO_OPTIONS, seed, draws, horizonCycles, months, failureThreshold },
    snapshots,
    calibrations,
    predictor,
  };
}

/** Pure: the same inputs give the same result, to the byte. */
export function computeScenario(inputs: ScenarioInputs): ScenarioResult {
  const result = runFleetScenario(inputs.snapshots.map((snapshot) => ({ snapshot, current: inputs.current })), inputs.change, inputs.options);
  return { ...result, calibrations: inputs.calibrations, predictor: inputs.predictor };
}
