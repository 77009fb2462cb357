import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { describeIssues, TenantId } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import type { ChainCheck } from './audit-chain';
import type { AuditRecord } from './audit-entry';
import { AuditTrail } from './audit-trail';

export const AuditQuery = z.object({
  tenant: TenantId,
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).strict();

/** Internal (behind the gateway, which scopes it to the caller's tenant): a tenant's audit records, and the chain check. */
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  async list(@Query() query: Record<string, unknown>): Promise<{ records: AuditRecord[]; next?: number }> {
    const parsed = AuditQuery.safeParse(query);
    if (!parsed.success) {
      const details = describeIssues(parsed.error);
      throw new ApiError(400, 'INVALID_QUERY', `invalid query: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const records = await this.trail.list(parsed.data.tenant, { afterSeq: parsed.data.after, limit: parsed.data.limit });
    const last = records[records.length - 1];
    return { records, ...(records.length === parsed.data.limit && last ? { next: last.seq } : {}) };
  }

  @Get('verify')
  async verify(): Promise<ChainCheck> {
    return this.trail.verify();
  }
}
