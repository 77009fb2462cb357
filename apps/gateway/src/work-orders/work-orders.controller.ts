import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { describeIssues } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { WORK_ORDER_ACTIONS, type WorkOrderAction } from '../routes/route-table';
import { notFound } from '../upstream/service-client';
import { WorkOrderClient, type WorkOrder, type WorkOrderPage } from '../upstream/work-order-client';
import { TRANSITION_BODIES, TRANSITION_RPCS } from './transition-requests';

const isAction = (value: string): value is WorkOrderAction => (WORK_ORDER_ACTIONS as readonly string[]).includes(value);

/** Work orders over maintenance's gRPC API, always asked for the token's tenant. */
@Controller('v1/work-orders')
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrderClient) {}

  @Get()
  @Access('workOrders')
  async list(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<{ workOrders: WorkOrder[]; next?: string }> {
    const { tenant } = principalOf(req);
    const text = (name: string) => (typeof query[name] === 'string' ? query[name] : '');
    const limit = Number(text('limit') || 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ApiError(400, 'INVALID_QUERY', 'limit is an integer from 1 to 1000', [{ path: 'limit', message: 'out of range' }]);
    const page = await this.workOrders.call<WorkOrderPage>('List', {
      tenant,
      status: text('status') ? text('status').split(',') : [],
      assetId: text('assetId'),
      updatedSince: text('updatedSince'),
      pageSize: limit,
      pageToken: text('cursor'),
    }).catch((error: unknown) => {
      throw inQueryTerms(error);
    });
    const own = page.workOrders.filter((w) => w.tenant === tenant);
    return { workOrders: own, ...(page.nextPageToken ? { next: page.nextPageToken } : {}) };
  }

  @Get(':id')
  @Access('workOrder')
  async get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<WorkOrder> {
    const { tenant } = principalOf(req);
    return owned(await this.workOrders.call<WorkOrder>('Get', { tenant, id }), tenant);
  }

  @Post(':id/:action')
  @HttpCode(200)
  @Access('workOrderTransition')
  async transition(
    @Req() req: AuthenticatedRequest,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<WorkOrder> {
    if (!isAction(action)) throw notFound();
    const { tenant, sub } = principalOf(req);
    const request = TRANSITION_BODIES[action].safeParse(body ?? {});
    if (!request.success) {
      const details = describeIssues(request.error);
      throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    // The order must be this tenant's before anything is changed.
    owned(await this.workOrders.call<WorkOrder>('Get', { tenant, id }), tenant);
    const extra: object = action === 'complete' ? { completion: { ...(request.data as { completion: object }).completion, technician: sub } } : request.data;
    const changed = await this.workOrders.call<WorkOrder>(TRANSITION_RPCS[action], { ...extra, tenant, id, actor: sub, idempotencyKey: idempotencyKey?.slice(0, 200) || randomUUID() }, req.requestId);
    return owned(changed, tenant);
  }
}

/** Maintenance names its gRPC fields; the caller sent query parameters (found by fuzzing: `?cursor=x` was refused as "pageToken …"). */
const QUERY_NAMES: Record<string, string> = { pageToken: 'cursor', pageSize: 'limit', updatedSince: 'updatedSince', assetId: 'assetId', status: 'status' };

function inQueryTerms(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400) return error;
  const field = Object.keys(QUERY_NAMES).find((name) => error.message.startsWith(name));
  if (!field) return error;
  const param = QUERY_NAMES[field] ?? field;
  const message = `${param}${error.message.slice(field.length)}`;
  return new ApiError(400, 'INVALID_QUERY', message, [{ path: param, message }]);
}

function owned(order: WorkOrder, tenant: string): WorkOrder {
  if (order.tenant !== tenant) throw notFound();
  return order;
}
