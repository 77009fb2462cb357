import { Module } from '@nestjs/common';
import { CONFIG as INGEST_CONFIG } from '@fleettwin/platform';
import type { IngestConfig } from '../config';
import { DeviceAuthenticator } from './device-authenticator';
import { DEVICE_KEYS, loadDeviceKeys } from './device-keys.provider';

@Module({
  providers: [{ provide: DEVICE_KEYS, inject: [INGEST_CONFIG], useFactory: (config: IngestConfig) => loadDeviceKeys(config) }, DeviceAuthenticator],
  exports: [DeviceAuthenticator],
})
export class DeviceAuthModule {}
