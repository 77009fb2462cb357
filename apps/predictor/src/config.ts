import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const PredictorConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
});
export type PredictorConfig = z.infer<typeof PredictorConfig>;
