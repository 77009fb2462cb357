import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Pool } from 'pg';
import { PG_POOL } from '@fleettwin/platform';
import { AuditController } from './audit.controller';
import { AUDIT_OPTIONS, AuditInterceptor, type AuditOptions } from './audit.interceptor';
import { AuditTrail } from './audit-trail';

/**
 * The service's audit trail: the interceptor that records HTTP mutations and, unless the service
 * serves its own (the gateway), the internal `GET /v1/audit` and `GET /v1/audit/verify`.
 * The service adds AUDIT_MIGRATIONS to its migrations.
 */
@Module({})
export class AuditModule {
  static forService(options: AuditOptions & { internalApi?: boolean }): DynamicModule {
    return {
      module: AuditModule,
      // Global, so adapters outside HTTP (an MQTT channel, the gRPC server) can record to the same trail.
      global: true,
      controllers: options.internalApi === false ? [] : [AuditController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        { provide: AuditTrail, inject: [PG_POOL], useFactory: (pool: Pool) => new AuditTrail(pool) },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditTrail],
    };
  }
}
