import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { describeIssues, TelemetryRequest, type TelemetryFrame } from '@fleettwin/contracts';
import { ingestFrames, ingestRejections } from '@fleettwin/metrics';
import { ApiError } from '@fleettwin/platform';
import { contextFromHeaders, inSpan, SpanKind } from '@fleettwin/tracing';
import { DeviceAuthenticator } from '../device-auth/device-authenticator';
import { TelemetryService, type AcceptResult } from './telemetry.service';

@Controller('v1/telemetry')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService, private readonly devices: DeviceAuthenticator) {}

  /** One frame or `{frames: [...]}`; 202 only after Kafka has acknowledged every new frame. */
  @Post()
  @HttpCode(202)
  ingest(@Body() body: unknown, @Headers() headers: Record<string, string>): Promise<AcceptResult> {
    // The root of each reading's trace, unless the caller sent a W3C traceparent of its own.
    const attributes = { 'http.request.method': 'POST', 'http.route': '/v1/telemetry' };
    return inSpan('POST /v1/telemetry', { kind: SpanKind.SERVER, attributes, parent: contextFromHeaders(headers) }, () => this.accept(body, headers.authorization));
  }

  private async accept(body: unknown, authorization: string | undefined): Promise<AcceptResult> {
    // Who is asking comes before what they sent: an unauthenticated caller learns nothing from validation.
    const device = this.devices.authenticate(authorization);
    const parsed = TelemetryRequest.safeParse(body);
    if (!parsed.success) {
      const details = describeIssues(parsed.error);
      ingestFrames.inc({ source: 'http', outcome: 'rejected' });
      ingestRejections.inc({ reason: 'invalid-request' });
      throw new ApiError(400, 'INVALID_TELEMETRY', `invalid telemetry: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const batch = 'frames' in parsed.data;
    const frames: TelemetryFrame[] = 'frames' in parsed.data ? parsed.data.frames : [parsed.data];
    this.devices.authorize(device, frames, batch);
    return this.telemetry.accept(frames, 'http', { batch });
  }
}
