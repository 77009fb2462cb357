import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const GatewayConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TWIN_STATE_URL: z.string().url().default('http://127.0.0.1:3002'),
  PREDICTOR_URL: z.string().url().default('http://127.0.0.1:3003'),
  MAINTENANCE_URL: z.string().url().default('http://127.0.0.1:3004'),
  MAINTENANCE_GRPC_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'host:port').default('127.0.0.1:50051'),
  MAINTENANCE_GRPC_API_KEYS: z.string().regex(/^([a-z0-9-]+:[A-Za-z0-9._~+/=-]{16,})(,[a-z0-9-]+:[A-Za-z0-9._~+/=-]{16,})*$/, 'tenant:key pairs (keys of 16+ characters) separated by commas').optional(),
  MAINTENANCE_GRPC_TLS_CA: z.string().min(1).optional(),
  MAINTENANCE_GRPC_TLS_CERT: z.string().min(1).optional(),
  MAINTENANCE_GRPC_TLS_KEY: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_DEV_SECRET: z.string().min(32, 'at least 32 characters (HS256 key)').optional(),
  AUTH_ISSUER: z.string().min(1).default('https://auth.fleettwin.dev/'),
  AUTH_AUDIENCE: z.string().min(1).default('fleettwin-gateway'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  SSE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  GATEWAY_GROUP_PREFIX: z.string().min(1).default('gateway-live'),
  CONSOLE_DIR: z.string().min(1).default('dist/console'),
}).refine((c) => Boolean(c.AUTH_JWKS_URL) !== Boolean(c.AUTH_DEV_SECRET), { message: 'set exactly one of AUTH_JWKS_URL (production) or AUTH_DEV_SECRET (development)', path: ['AUTH_JWKS_URL'] });
export type GatewayConfig = z.infer<typeof GatewayConfig>;
