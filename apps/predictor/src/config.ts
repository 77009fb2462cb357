import { resolve } from 'node:path';
import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const PredictorConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  PREDICTOR_GROUP: z.string().min(1).default('predictor'),
  MODEL_PATH: z.string().min(1).default(resolve(__dirname, '../model/rul-model.json')),
  TWIN_EVENTS_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  PREDICTIONS_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  FAILURE_HORIZON_CYCLES: z.coerce.number().int().min(1).max(1000).default(30),
  DRIFT_ALERT_RATIO: z.coerce.number().min(1).default(1.5),
  CALIBRATION_REFIT_EVERY: z.coerce.number().int().min(1).max(10000).default(10),
  CALIBRATION_DRIFT_RATIO: z.coerce.number().min(1).default(3),
  CALIBRATION_MAX_FIT_RMSE: z.coerce.number().positive().max(1).default(0.08),
});
export type PredictorConfig = z.infer<typeof PredictorConfig>;
