import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const MaintenanceConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3004),
});
export type MaintenanceConfig = z.infer<typeof MaintenanceConfig>;
