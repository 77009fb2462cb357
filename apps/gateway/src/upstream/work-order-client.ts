import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { ApiError, CONFIG, LOGGER } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import { maintenanceChannel, TenantApiKeys } from './maintenance-credentials';
import { notFound } from './service-client';

const PROTO = resolve(__dirname, '../../../../libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto');
const DEADLINE_MS = 10_000;

/** A work order as the maintenance gRPC API returns it (camelCase, int64 as strings). */
export interface WorkOrder {
  id: string;
  tenant: string;
  assetId: string;
  kind: string;
  failureMode: string;
  priority: number;
  status: string;
  dueAt: string;
  scheduledFor: string;
  evidence: unknown[];
  completion: unknown;
  effect: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  version: string;
}

export interface WorkOrderPage {
  workOrders: WorkOrder[];
  nextPageToken: string;
}

export type WorkOrderRpc = 'List' | 'Get' | 'Acknowledge' | 'Schedule' | 'Start' | 'Complete' | 'Defer' | 'Cancel';
type Unary = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void;
type WorkOrderStub = grpc.Client & Record<WorkOrderRpc, Unary>;
type StubConstructor = new (address: string, credentials: grpc.ChannelCredentials) => WorkOrderStub;

const REFUSALS: Partial<Record<grpc.status, [number, string]>> = {
  [grpc.status.INVALID_ARGUMENT]: [400, 'INVALID_REQUEST'],
  [grpc.status.FAILED_PRECONDITION]: [409, 'ILLEGAL_TRANSITION'],
  [grpc.status.ALREADY_EXISTS]: [409, 'CONFLICT'],
};

/** Work orders live behind maintenance's gRPC API; the gateway is one more client of it. */
@Injectable()
export class WorkOrderClient implements OnModuleDestroy {
  private readonly stub: WorkOrderStub;
  private readonly keys: TenantApiKeys;

  constructor(@Inject(CONFIG) config: GatewayConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.keys = new TenantApiKeys(config.MAINTENANCE_GRPC_API_KEYS);
    const definition = protoLoader.loadSync(PROTO, { keepCase: false, longs: String, enums: String, defaults: true });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as { fleettwin: { maintenance: { v1: { WorkOrderService: StubConstructor } } } };
    this.stub = new loaded.fleettwin.maintenance.v1.WorkOrderService(config.MAINTENANCE_GRPC_ADDRESS, maintenanceChannel(config));
  }

  /** Every request names its tenant; that tenant's API key goes with it. */
  call<T>(rpc: WorkOrderRpc, request: { tenant: string } & Record<string, unknown>, requestId?: string): Promise<T> {
    const metadata = this.keys.metadataFor(request.tenant);
    // The same request id in maintenance's logs and audit trail as in the gateway's.
    if (requestId) metadata.set('x-request-id', requestId);
    return new Promise((done, fail) => {
      this.stub[rpc](request, metadata, { deadline: Date.now() + DEADLINE_MS }, (error, response) => {
        if (!error) return done(response as T);
        if (error.code === grpc.status.NOT_FOUND) return fail(notFound());
        const refusal = REFUSALS[error.code];
        if (refusal) return fail(new ApiError(refusal[0], refusal[1], error.details || error.message));
        this.logger.error({ rpc, code: error.code, details: error.details }, 'maintenance gRPC call failed');
        return fail(new ApiError(502, 'UPSTREAM_FAILED', 'maintenance failed to answer'));
      });
    });
  }

  onModuleDestroy(): void {
    this.stub.close();
  }
}
