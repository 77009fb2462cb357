import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const TwinStateConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  TWIN_STATE_GROUP: z.string().min(1).default('twin-state'),
  TELEMETRY_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  STUCK_AFTER_FRAMES: z.coerce.number().int().min(2).default(10),
});
export type TwinStateConfig = z.infer<typeof TwinStateConfig>;
