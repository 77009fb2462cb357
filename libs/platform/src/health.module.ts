import { Controller, Get, Inject, Module, Res, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import type { Response } from 'express';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { checkHealth, kafkaCheck, postgresCheck, type HealthCheck } from './health';
import { registry } from '@fleettwin/metrics';
import { KAFKA, PG_POOL } from './tokens';

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

@Controller()
class HealthController {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: Record<string, HealthCheck>,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const report = await checkHealth(this.service, this.checks);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}

/** `GET /health`: 200 when every dependency answers, 503 naming the one that does not. */
@Module({})
export class HealthModule {
  static register(
    service: string,
    checks: Omit<FactoryProvider<Record<string, HealthCheck>>, 'provide'>,
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    return {
      module: HealthModule,
      imports,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: SERVICE_NAME, useValue: service }, { ...checks, provide: HEALTH_CHECKS }],
    };
  }
}

/** The checks of a service whose only dependencies are Kafka and Postgres. */
export const dependencyHealthChecks = {
  inject: [KAFKA, PG_POOL],
  useFactory: (kafka: Kafka, pool: Pool): Record<string, HealthCheck> => ({ kafka: kafkaCheck(kafka), postgres: postgresCheck(pool) }),
};

/** `GET /metrics`: the process's Prometheus metrics. */
@Controller()
export class MetricsController {
  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  }
}
