import { resolve } from 'node:path';
import { z } from 'zod';
import { BaseConfig } from '@fleettwin/platform';

export const MaintenanceConfig = BaseConfig.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3004),
  GRPC_PORT: z.coerce.number().int().min(0).max(65535).default(50051),
  GRPC_PROTO: z.string().default(resolve(__dirname, '../../../libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto')),
  /** TLS for the ERP-facing gRPC server; with a CA, clients need certificates it signed (mutual TLS). */
  GRPC_TLS_CERT: z.string().optional(),
  GRPC_TLS_KEY: z.string().optional(),
  GRPC_TLS_CA: z.string().optional(),
  /** Plaintext gRPC is for development only; anywhere else the TLS files must be set. */
  FLEETTWIN_ENV: z.enum(['dev', 'test', 'prod']).default('dev'),
  /** ERP credentials, `tenant:key` pairs separated by commas; when set, every gRPC call must carry `x-api-key` for its tenant. */
  GRPC_API_KEYS: z.string().regex(/^([a-z0-9-]+:[A-Za-z0-9._~+/=-]{16,})(,[a-z0-9-]+:[A-Za-z0-9._~+/=-]{16,})*$/, 'tenant:key pairs (keys of 16+ characters) separated by commas').optional(),
  MAINTENANCE_GROUP: z.string().min(1).default('maintenance'),
  PREDICTIONS_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  MAINTENANCE_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(12),
  FAILURE_PROBABILITY_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  RUL_LOWER_BOUND_CYCLES: z.coerce.number().min(0).default(50),
  CYCLES_PER_DAY: z.coerce.number().positive().default(4),
  PROPAGATION_THRESHOLD: z.coerce.number().min(0).max(1).default(0.7),
  /** C2SP note signer key (`PRIVATE+KEY+<origin>+…`) of the custody log; dev generates one at start when absent. */
  CUSTODY_SIGNING_KEY: z.string().regex(/^PRIVATE\+KEY\+[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/, 'a C2SP note signer key: PRIVATE+KEY+<name>+<hash>+<key>').optional(),
  CUSTODY_LOG_ORIGIN: z.string().regex(/^[^+\s]+$/, 'a key name: no spaces or "+"').default('fleettwin.dev/custody'),
  CUSTODY_CHECKPOINT_EVERY_MS: z.coerce.number().int().min(100).max(86_400_000).default(10000),
})
  .refine((c) => c.FLEETTWIN_ENV !== 'prod' || (c.GRPC_TLS_CERT && c.GRPC_TLS_KEY), {
    message: 'GRPC_TLS_CERT and GRPC_TLS_KEY are required when FLEETTWIN_ENV=prod',
    path: ['GRPC_TLS_CERT'],
  })
  // Outside dev, ERP clients prove who they are with a certificate (mutual TLS), on top of their API key.
  .refine((c) => c.FLEETTWIN_ENV !== 'prod' || c.GRPC_TLS_CA, { message: 'GRPC_TLS_CA (the CA that signs client certificates) is required when FLEETTWIN_ENV=prod: gRPC requires mutual TLS', path: ['GRPC_TLS_CA'] })
  .refine((c) => c.FLEETTWIN_ENV !== 'prod' || c.GRPC_API_KEYS, { message: 'GRPC_API_KEYS is required when FLEETTWIN_ENV=prod', path: ['GRPC_API_KEYS'] })
  // Checkpoints signed with a key generated at start could not be verified after a restart.
  .refine((c) => c.FLEETTWIN_ENV !== 'prod' || c.CUSTODY_SIGNING_KEY, { message: 'CUSTODY_SIGNING_KEY is required when FLEETTWIN_ENV=prod', path: ['CUSTODY_SIGNING_KEY'] });
export type MaintenanceConfig = z.infer<typeof MaintenanceConfig>;
