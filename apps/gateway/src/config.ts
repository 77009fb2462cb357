import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const GatewayConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;
