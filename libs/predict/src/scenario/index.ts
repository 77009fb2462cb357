export { ageAtThreshold, healthAt, type DegradationCurve } from './degradation-curve';
export { fitDegradationCurve, MIN_CYCLES_TO_FIT, type CurveFit, type HealthPoint } from './curve-fit';
export {
  calibrationFrom, calibrationReport, createCalibration, DEFAULT_CALIBRATION, recordHealth,
  type AssetCalibration, type CalibrationOptions, type CalibrationReport, type HealthObservation,
} from './asset-calibration';
export { CLIMATES, CLIMATE_WEAR, DEFAULT_PROFILE, DERATE_SENSITIVITY, AMBIENT_WEAR_PER_DEGREE, ROUTES, ROUTE_WEAR, wearFactor, wearMultiplier, type Climate, type OperatingProfile, type Route } from './operating-profile';
export { pairedHistogram, quantile, RUL_QUANTILES, summariseRul, type Histogram, type RulSummary } from './rul-distribution';
export {
  DEFAULT_SCENARIO_OPTIONS, runAssetScenario, runFleetScenario, SCENARIO_ENGINE_VERSION,
  type AssetScenarioResult, type CalibrationSnapshot, type FleetScenarioResult, type ScenarioArm, type ScenarioChange, type ScenarioOptions,
} from './scenario';
