import { streamTopicSpecs } from '@fleettwin/contracts';
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { AUDIT_MIGRATIONS } from '@fleettwin/audit';
import { GatewayAuditModule } from './audit/gateway-audit.module';
import { AssetsController } from './assets/assets.controller';
import { AccessGuard } from './auth/access.guard';
import { RateLimiter } from './auth/rate-limiter';
import { TokenVerifier } from './auth/token-verifier';
import { FailureModesController } from './catalog/failure-modes.controller';
import { ConsoleMiddleware } from './console/console.middleware';
import { DevTokenController } from './console/dev-token.controller';
import { GatewayConfig } from './config';
import { FleetController } from './fleet/fleet.controller';
import { RequestIdMiddleware } from './http/request-id.middleware';
import { OpenApiController } from './openapi/openapi.controller';
import { ScenariosController } from './scenarios/scenarios.controller';
import { PlansController } from './plans/plans.controller';
import { PartsController } from './parts/parts.controller';
import { LiveUpdates } from './stream/live-updates';
import { StreamController } from './stream/stream.controller';
import { TwinsController } from './twins/twins.controller';
import { Ownership } from './upstream/ownership';
import { ServiceClient } from './upstream/service-client';
import { WorkOrderClient } from './upstream/work-order-client';
import { WorkOrdersController } from './work-orders/work-orders.controller';
import { ContractsController } from './contracts/contracts.controller';

/** Authenticates, authorises and routes to the services; holds no domain logic of its own. */
/** The partition count the owning services default to, used only if the gateway creates a topic first. */
const LIVE_TOPIC_PARTITIONS = 12;

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'gateway',
      config: GatewayConfig,
      migrations: AUDIT_MIGRATIONS,
      // The live stream reads these; whoever starts first creates them, their owners set the partitions.
      topics: (config) =>
        (['twinEvents', 'predictions', 'maintenance'] as const).flatMap((stream) =>
          streamTopicSpecs(stream, config.TOPIC_NAMESPACE, LIVE_TOPIC_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ),
    }),
    HealthModule.register('gateway', dependencyHealthChecks),
    GatewayAuditModule,
  ],
  controllers: [FleetController, TwinsController, AssetsController, WorkOrdersController, ContractsController, PlansController, FailureModesController, ScenariosController, PartsController, StreamController, OpenApiController, DevTokenController],
  providers: [TokenVerifier, RateLimiter, ServiceClient, Ownership, WorkOrderClient, LiveUpdates, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*path');
    // `{*path}` also matches `/`, where the console starts.
    consumer.apply(ConsoleMiddleware).forRoutes('{*path}');
  }
}
