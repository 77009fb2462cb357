import { Inject, Injectable } from '@nestjs/common';
import { verifyDeviceToken, type DeviceIdentity, type DeviceKey } from '@fleettwin/device-auth';
import type { FieldIssue, TelemetryFrame } from '@fleettwin/contracts';
import { ingestRejections } from '@fleettwin/metrics';
import { ApiError, CONFIG as INGEST_CONFIG } from '@fleettwin/platform';
import type { IngestConfig } from '../config';
import { DEVICE_KEYS } from './device-keys.provider';

/**
 * HTTP device authentication: with DEVICE_AUTH=required a batch must carry a device token
 * (`Authorization: Bearer ftd1:…`, minted by `fleettwin device-token`) and may only hold frames of
 * that token's asset and tenant. MQTT devices are held to their own topic by the broker's ACL instead.
 */
@Injectable()
export class DeviceAuthenticator {
  constructor(
    @Inject(DEVICE_KEYS) private readonly keys: DeviceKey[],
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  get required(): boolean {
    return this.config.DEVICE_AUTH === 'required';
  }

  /** Who is calling; undefined when authentication is off. Throws 401 for a missing or invalid token. */
  authenticate(authorization: string | undefined): DeviceIdentity | undefined {
    if (!this.required) return undefined;
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      ingestRejections.inc({ reason: 'device-token-missing' });
      throw new ApiError(401, 'DEVICE_TOKEN_REQUIRED', 'a device token is required: Authorization: Bearer <token>', undefined, { 'WWW-Authenticate': 'Bearer realm="fleettwin-ingest"' });
    }
    const check = verifyDeviceToken(token, this.keys);
    if (!check.ok) {
      ingestRejections.inc({ reason: 'device-token-invalid' });
      throw new ApiError(401, 'DEVICE_TOKEN_INVALID', check.reason, undefined, { 'WWW-Authenticate': 'Bearer realm="fleettwin-ingest", error="invalid_token"' });
    }
    return check.device;
  }

  /** Every frame must be the token's own asset of the token's tenant: 403 naming each frame that is not. */
  authorize(device: DeviceIdentity | undefined, frames: readonly TelemetryFrame[], batch: boolean): void {
    if (!device) return;
    const issues: FieldIssue[] = [];
    frames.forEach((frame, i) => {
      if (frame.tenant === device.tenant && frame.assetId === device.assetId) return;
      const path = batch ? `frames.${i}` : '';
      const field = frame.tenant !== device.tenant ? 'tenant' : 'assetId';
      issues.push({ path: path ? `${path}.${field}` : field, message: `the device token is for ${device.tenant}/${device.assetId}, not ${frame.tenant}/${frame.assetId}` });
    });
    if (!issues.length) return;
    ingestRejections.inc({ reason: 'device-mismatch' });
    throw new ApiError(403, 'DEVICE_MISMATCH', `${issues.length} frame(s) are not the authenticated device's: ${issues[0]?.message}`, issues);
  }
}
