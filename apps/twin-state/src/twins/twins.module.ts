import { Module } from '@nestjs/common';
import { FrameHistory } from '../history/frame-history';
import { HistoryController } from '../history/history.controller';
import { TelemetryConsumer } from './telemetry.consumer';
import { TwinsController } from './twins.controller';

@Module({ controllers: [TwinsController, HistoryController], providers: [TelemetryConsumer, FrameHistory] })
export class TwinsModule {}
