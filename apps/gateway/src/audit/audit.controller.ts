import { Controller, Get, Query, Req } from '@nestjs/common';
import { z } from 'zod';
import { AuditTrail, type AuditRecord } from '@fleettwin/audit';
import { describeIssues } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { ServiceClient } from '../upstream/service-client';

const AuditQuery = z.object({
  service: z.enum(['gateway', 'twin-state', 'maintenance']).default('gateway'),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).strict();

type AuditPage = { records: AuditRecord[]; next?: number };

/** A tenant admin's view of the audit trails: the gateway's own, or a service's, always for the token's tenant only. */
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail, private readonly services: ServiceClient) {}

  @Get()
  @Access('audit')
  async list(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<AuditPage & { service: string }> {
    const parsed = AuditQuery.safeParse(query);
    if (!parsed.success) {
      const details = describeIssues(parsed.error);
      throw new ApiError(400, 'INVALID_QUERY', `invalid query: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const { service, after, limit } = parsed.data;
    const { tenant } = principalOf(req);
    if (service !== 'gateway') {
      const page = await this.services.call<AuditPage>(service, '/v1/audit', { query: { tenant, after: String(after), limit: String(limit) }, requestId: req.requestId });
      return { service, records: page.records.filter((r) => r.tenant === tenant), ...(page.next ? { next: page.next } : {}) };
    }
    const records = await this.trail.list(tenant, { afterSeq: after, limit });
    const last = records[records.length - 1];
    return { service, records, ...(records.length === limit && last ? { next: last.seq } : {}) };
  }
}
