// Public API of the pure prediction models. A service keeps one AssetWindow per asset, folds
// cycles in with appendCycle, and calls scoreAsset; the trainer CLI calls trainModel.
export { INFORMATIVE_SENSORS, SENSOR_COUNT, SETTING_COUNT, sensorIndex, type Cycle, type SensorName } from './cycle';
export { appendCycle, createAssetWindow, windowFromCycles, type AssetWindow, type WindowSpec } from './asset-window';
export { extractFeatures, featureSpec, trajectoryFeatures, type FeatureSpec } from './features';
export { assignRegime, fitRegimes, type RegimeModel, type RegimeOptions } from './regimes';
export { fitNormalisation, normaliseCycle, type SensorNormalisation } from './normalisation';
export { calibrate, failureProbability, rulInterval, type CalibrationPoint, type ConformalCalibration } from './conformal';
export { failureSignature, signatureSimilarity, type FailureSignature } from './signature';
export type { Contribution, Explanation } from './explanation';
export { DEFAULT_BOOSTING, type BoostingOptions } from './gradient-boosting';
export { predictRul } from './rul';
export { loadModel, ModelFormatError, MODEL_FORMAT, MODEL_FORMAT_VERSION, type RulModel } from './rul-model';
export { DEFAULT_TRAINING, trainModel, type TrainingOptions, type TrainingUnit } from './training';
export { scoreAsset, type AssetScore, type ScoreOptions } from './score';
export { intervalCoverage, nasaScore, rootMeanSquaredError } from './metrics';
export { cosineSimilarity } from './statistics';
export * from './scenario';
