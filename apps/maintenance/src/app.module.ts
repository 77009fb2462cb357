import { Module } from '@nestjs/common';
import { streamTopicSpecs } from '@fleettwin/contracts';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { MaintenanceConfig } from './config';
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
      migrations: MAINTENANCE_MIGRATIONS,
      topics: (config) => [
        ...streamTopicSpecs('predictions', config.TOPIC_NAMESPACE, config.PREDICTIONS_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('maintenance', config.TOPIC_NAMESPACE, config.MAINTENANCE_PARTITIONS),
      ],
    }),
    HealthModule.register('maintenance', dependencyHealthChecks),
  ],
  providers: [WorkOrderEventsRelay, WorkOrders, PredictionsConsumer, MaintenanceGrpcServer],
})
export class AppModule {}
