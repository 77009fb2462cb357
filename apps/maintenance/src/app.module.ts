import { Module } from '@nestjs/common';
import { AUDIT_MIGRATIONS, AuditModule, callerHeadersSubject } from '@fleettwin/audit';
import { streamTopicSpecs } from '@fleettwin/contracts';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { CatalogSeed } from './catalog/catalog.seed';
import { FailureModesController } from './catalog/failure-modes.controller';
import { MaintenanceConfig } from './config';
import { PLAN_MIGRATIONS } from './plans/plan.migrations';
import { PlansController } from './plans/plans.controller';
import { Plans } from './plans/plans.service';
import { BillingEventsRelay } from './billing/billing-events.relay';
import { LedgerProjector } from './billing/ledger.projector';
import { UsageMeter } from './billing/usage-meter';
import { ContractsController } from './contracts/contracts.controller';
import { Contracts } from './contracts/contracts.service';
import { CustodyCheckpointer } from './custody/custody-checkpointer';
import { CustodyController } from './custody/custody.controller';
import { CustodyEventsRelay } from './custody/custody-events.relay';
import { CustodyLedger } from './custody/custody-ledger.service';
import { PartsController } from './custody/parts.controller';
import { TwinEventsConsumer } from './fleet/twin-events.consumer';
import { PropagationService } from './propagation/propagation.service';
import { MaintenanceGrpcServer } from './grpc/grpc.server';
import { MAINTENANCE_MIGRATIONS } from './infrastructure/migrations';
import { PredictionsConsumer } from './work-orders/predictions.consumer';
import { WorkOrderEventsRelay } from './work-orders/work-order-events.relay';
import { WorkOrders } from './work-orders/work-orders.service';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'maintenance',
      config: MaintenanceConfig,
      migrations: [...MAINTENANCE_MIGRATIONS, ...PLAN_MIGRATIONS, ...AUDIT_MIGRATIONS],
      topics: (config) => [
        ...streamTopicSpecs('predictions', config.TOPIC_NAMESPACE, config.PREDICTIONS_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('maintenance', config.TOPIC_NAMESPACE, config.MAINTENANCE_PARTITIONS),
        ...streamTopicSpecs('twinEvents', config.TOPIC_NAMESPACE, config.PREDICTIONS_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('custody', config.TOPIC_NAMESPACE, config.MAINTENANCE_PARTITIONS),
        ...streamTopicSpecs('billing', config.TOPIC_NAMESPACE, config.MAINTENANCE_PARTITIONS),
      ],
    }),
    HealthModule.register('maintenance', dependencyHealthChecks),
    // HTTP mutations here; the gRPC ones are wrapped in grpc/grpc.server.ts.
    AuditModule.forService({ service: 'maintenance', subject: callerHeadersSubject }),
  ],
  controllers: [FailureModesController, PartsController, CustodyController, PlansController, ContractsController],
  providers: [CatalogSeed, Plans, WorkOrderEventsRelay, PropagationService, WorkOrders, PredictionsConsumer, TwinEventsConsumer, MaintenanceGrpcServer, CustodyEventsRelay, CustodyLedger, CustodyCheckpointer, Contracts, LedgerProjector, UsageMeter, BillingEventsRelay],
})
export class AppModule {}
