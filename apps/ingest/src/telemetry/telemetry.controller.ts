import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { describeIssues, TelemetryRequest, type TelemetryFrame } from '@fleettwin/contracts';
import { ingestFrames, ingestRejections } from '@fleettwin/metrics';
import { ApiError } from '@fleettwin/platform';
import { TelemetryService, type AcceptResult } from './telemetry.service';

@Controller('v1/telemetry')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  /** One frame or `{frames: [...]}`; 202 only after Kafka has acknowledged every new frame. */
  @Post()
  @HttpCode(202)
  async ingest(@Body() body: unknown): Promise<AcceptResult> {
    const parsed = TelemetryRequest.safeParse(body);
    if (!parsed.success) {
      const details = describeIssues(parsed.error);
      ingestFrames.inc({ source: 'http', outcome: 'rejected' });
      ingestRejections.inc({ reason: 'invalid-request' });
      throw new ApiError(400, 'INVALID_TELEMETRY', `invalid telemetry: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const frames: TelemetryFrame[] = 'frames' in parsed.data ? parsed.data.frames : [parsed.data];
    return this.telemetry.accept(frames, 'http');
  }
}
