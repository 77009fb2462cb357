import { Controller, Get, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { ServiceClient } from '../upstream/service-client';

/** The failure-mode catalog is shared reference data (FMEA), the same for every tenant. */
@Controller('v1/failure-modes')
export class FailureModesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Access('failureModes')
  async list(@Req() req: AuthenticatedRequest): Promise<unknown> {
    return this.services.call('maintenance', '/v1/failure-modes', { requestId: req.requestId });
  }
}
