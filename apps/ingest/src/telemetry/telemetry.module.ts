import { Module } from '@nestjs/common';
import type { Pool } from 'pg';
import { topicName } from '@fleettwin/contracts';
import type { EventProducer } from '@fleettwin/messaging';
import { CONFIG as INGEST_CONFIG, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { IngestConfig } from '../config';
import { DeviceAuthModule } from '../device-auth/device-auth.module';
import { SequenceTracker } from './sequence-tracker';
import { TelemetryController } from './telemetry.controller';
import { MqttTelemetrySubscriber } from './telemetry.mqtt';
import { TelemetryPublisher } from './telemetry-publisher';
import { TelemetryService } from './telemetry.service';

@Module({
  imports: [DeviceAuthModule],
  controllers: [TelemetryController],
  providers: [
    { provide: SequenceTracker, inject: [PG_POOL], useFactory: (pool: Pool) => new SequenceTracker(pool) },
    {
      provide: TelemetryPublisher,
      inject: [PRODUCER, INGEST_CONFIG],
      useFactory: (producer: EventProducer, config: IngestConfig) =>
        new TelemetryPublisher(producer, topicName('telemetry', config.TOPIC_NAMESPACE), config.BATCH_LINGER_MS),
    },
    TelemetryService,
    MqttTelemetrySubscriber,
  ],
  exports: [MqttTelemetrySubscriber],
})
export class TelemetryModule {}
