import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AmendContractBody, BillingPeriod, ContractId, CreateContractBody, describeIssues, TenantId, type BillingEntry } from '@fleettwin/contracts';
import { openUsageByPeriod, type AssetLedger, type Contract, type ContractCommand } from '@fleettwin/domain-contract';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { LedgerProjector, type RebuildReport } from '../billing/ledger.projector';
import { readLedger } from '../billing/ledger.store';
import { ContractRefused, Contracts } from './contracts.service';

type IncomingHeaders = Record<string, string | string[] | undefined>;

const HTTP_STATUS = { NOT_FOUND: 404, ALREADY_EXISTS: 409, INVALID: 400, CONFLICT: 409 } as const;

/**
 * `/v1/contracts`: service contracts and their ledger. The caller's tenant comes in `x-tenant`
 * (the gateway sets it from the token); another tenant's contract answers 404.
 */
@Controller('v1')
export class ContractsController {
  constructor(private readonly contracts: Contracts, private readonly ledger: LedgerProjector, @Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('contracts')
  async list(@Headers() headers: IncomingHeaders): Promise<{ contracts: Contract[] }> {
    return { contracts: await this.contracts.repository.list(this.pool, tenantOf(headers)) };
  }

  @Post('contracts')
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: IncomingHeaders): Promise<Contract> {
    const data = parse(CreateContractBody, body);
    return this.run({ type: 'CreateContract', data: { tenant: tenantOf(headers), ...data }, metadata: metadataOf(headers) });
  }

  @Get('contracts/:id')
  async get(@Param('id') id: string, @Headers() headers: IncomingHeaders) {
    const contract = await this.owned(id, headers);
    const { rows } = await this.pool.query<{ state: AssetLedger }>('SELECT state FROM billing_ledger_state WHERE asset_id = $1', [contract.assetId]);
    return { ...contract, openUsage: rows[0] ? openUsageByPeriod(rows[0].state) : {} };
  }

  @Post('contracts/:id/amendments')
  @HttpCode(201)
  async amend(@Param('id') id: string, @Body() body: unknown, @Headers() headers: IncomingHeaders): Promise<Contract> {
    const data = parse(AmendContractBody, body);
    return this.run({ type: 'AmendContract', data: { tenant: tenantOf(headers), contractId: contractIdOf(id), ...data }, metadata: metadataOf(headers) });
  }

  @Post('contracts/:id/periods/:period/close')
  @HttpCode(200)
  async close(@Param('id') id: string, @Param('period') period: string, @Headers() headers: IncomingHeaders): Promise<Contract> {
    if (!BillingPeriod.safeParse(period).success) throw new ApiError(400, 'INVALID_REQUEST', 'period must be YYYY-MM');
    return this.run({ type: 'CloseBillingPeriod', data: { tenant: tenantOf(headers), contractId: contractIdOf(id), period }, metadata: metadataOf(headers) });
  }

  /** The contract's ledger entries in sequence order, with their total per currency; `next` continues after the last. */
  @Get('contracts/:id/ledger')
  async entries(@Param('id') id: string, @Query() query: Record<string, unknown>, @Headers() headers: IncomingHeaders) {
    const contract = await this.owned(id, headers);
    const period = typeof query.period === 'string' && query.period ? query.period : undefined;
    if (period && !BillingPeriod.safeParse(period).success) throw new ApiError(400, 'INVALID_REQUEST', 'period must be YYYY-MM');
    const after = typeof query.after === 'string' && /^\d{1,15}$/.test(query.after) ? Number(query.after) : 0;
    const limit = Math.min(Math.max(Number(query.limit) || 1000, 1), 1000);
    const page = await readLedger(this.pool, { tenant: contract.tenant, contractId: contract.contractId, period, after, limit: limit + 1 });
    const entries = page.slice(0, limit);
    const last = entries[entries.length - 1];
    return { contractId: contract.contractId, currency: contract.currency, entries, totalMinor: total(entries), ...(page.length > limit && last ? { next: String(last.sequence) } : {}) };
  }

  /** Refolds the ledger from the event store; the report says whether it came out identical. */
  @Post('billing/rebuild')
  @HttpCode(200)
  rebuild(): Promise<RebuildReport> {
    return this.ledger.rebuild();
  }

  private async owned(id: string, headers: IncomingHeaders): Promise<Contract> {
    const contract = await this.contracts.repository.find(this.pool, tenantOf(headers), contractIdOf(id));
    if (!contract) throw new ApiError(404, 'CONTRACT_NOT_FOUND', `no contract ${id}`);
    return contract;
  }

  private async run(command: ContractCommand): Promise<Contract> {
    try {
      const contract = await this.contracts.execute(command);
      this.ledger.notify();
      return contract;
    } catch (error) {
      if (error instanceof ContractRefused) {
        const { code, message, issues } = error.refusal;
        throw new ApiError(HTTP_STATUS[code], code === 'NOT_FOUND' ? 'CONTRACT_NOT_FOUND' : code, message, issues);
      }
      throw error;
    }
  }
}

function total(entries: readonly BillingEntry[]): number {
  return entries.reduce((sum, e) => sum + e.amountMinor, 0);
}

function single(value: string | string[] | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
}

function tenantOf(headers: IncomingHeaders): string {
  const parsed = TenantId.safeParse(single(headers['x-tenant']));
  if (!parsed.success) throw new ApiError(400, 'TENANT_REQUIRED', 'the x-tenant header (the caller’s tenant) is required');
  return parsed.data;
}

function contractIdOf(id: string): string {
  if (!ContractId.safeParse(id).success) throw new ApiError(404, 'CONTRACT_NOT_FOUND', 'no such contract');
  return id;
}

function metadataOf(headers: IncomingHeaders) {
  return { at: new Date().toISOString(), actor: single(headers['x-actor'])?.slice(0, 200) ?? 'api', idempotencyKey: single(headers['idempotency-key'])?.slice(0, 200) ?? randomUUID() };
}

function parse<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] } }, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error);
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}
