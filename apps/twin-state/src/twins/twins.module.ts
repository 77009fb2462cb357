import { Module } from '@nestjs/common';
import { TelemetryConsumer } from './telemetry.consumer';
import { TwinsController } from './twins.controller';

@Module({ controllers: [TwinsController], providers: [TelemetryConsumer] })
export class TwinsModule {}
