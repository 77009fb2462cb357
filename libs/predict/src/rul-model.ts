import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ConformalCalibration } from './conformal';
import type { FeatureSpec } from './features';
import type { FleetBaseline } from './fleet-baseline';
import type { BoostedTrees } from './gradient-boosting';
import type { HealthIndexModel } from './health-index';
import type { SensorNormalisation } from './normalisation';

export const MODEL_FORMAT = 'fleettwin.rul-model';
export const MODEL_FORMAT_VERSION = 1;

/** The versioned artifact the trainer writes and the predictor service loads. Plain JSON. */
export interface RulModel {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: typeof MODEL_FORMAT_VERSION;
  /** `rul-gbt-<format>.<content hash>`: changes whenever any weight changes. */
  readonly modelVersion: string;
  readonly trainedOn: { readonly dataset: string; readonly units: number; readonly cycles: number };
  readonly rulCap: number;
  /** Default horizon (cycles) of the failure probability. */
  readonly horizon: number;
  readonly features: FeatureSpec;
  readonly normalisation: SensorNormalisation;
  /** Fold models of the cross-fitted ensemble; the RUL is their mean. */
  readonly rul: readonly BoostedTrees[];
  readonly calibration: ConformalCalibration;
  readonly healthIndex: HealthIndexModel;
  readonly fleet: FleetBaseline;
  readonly validation: { readonly outOfFoldRmse: number; readonly outOfFoldCoverage80: number };
}

const numbers = z.array(z.number());
const matrix = z.array(numbers);
const treeSchema = z.object({ feature: numbers, threshold: numbers, left: numbers, right: numbers, value: numbers });

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  modelVersion: z.string().min(1),
  trainedOn: z.object({ dataset: z.string(), units: z.number(), cycles: z.number() }),
  rulCap: z.number().positive(),
  horizon: z.number().positive(),
  features: z.object({
    baselineCycles: z.number().int().positive(), recentCycles: z.number().int().positive(),
    levelCycles: z.number().int().positive(), names: z.array(z.string()).min(1),
  }),
  normalisation: z.object({
    regimes: z.object({ offset: numbers, scale: numbers, centroids: matrix.min(1) }),
    mean: matrix, std: matrix,
  }),
  rul: z.array(z.object({ base: z.number(), learningRate: z.number(), trees: z.array(treeSchema) })).min(1),
  calibration: z.object({ binUpperEdges: numbers, levels: numbers, residualQuantiles: matrix.min(1), samples: numbers }),
  healthIndex: z.object({ weights: numbers, bias: z.number() }),
  fleet: z.object({ levelMean: numbers, levelStd: numbers, driftStd: numbers }),
  validation: z.object({ outOfFoldRmse: z.number(), outOfFoldCoverage80: z.number() }),
});

export class ModelFormatError extends Error {
  readonly code = 'MODEL_FORMAT_INVALID';
}

/** Validates parsed JSON into a model; throws ModelFormatError naming the first bad field. */
export function loadModel(json: unknown): RulModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFormatError(`invalid RUL model at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}`);
  }
  const model: RulModel = parsed.data;
  if (model.fleet.levelMean.length !== model.healthIndex.weights.length) {
    throw new ModelFormatError('invalid RUL model: health-index weights do not match the sensor list');
  }
  return model;
}

/** Content-addressed version: the hash of everything but the version field itself. */
export function versionModel(model: Omit<RulModel, 'modelVersion'>): RulModel {
  const hash = createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 12);
  return { ...model, modelVersion: `rul-gbt-${MODEL_FORMAT_VERSION}.${hash}` };
}
