import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { dirname, resolve } from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PG_POOL, startGrpcServer, type RunningGrpcServer } from '@fleettwin/platform';
import { AuditTrail, auditGrpcMutations } from '@fleettwin/audit';
import type { MaintenanceConfig } from '../config';
import { billingService } from '../billing/billing.grpc';
import { custodyService } from '../custody/custody.grpc';
import { CustodyLedger } from '../custody/custody-ledger.service';
import { WorkOrders } from '../work-orders/work-orders.service';
import { ErpCredentials } from './erp-credentials';
import { usageService } from './usage.grpc';
import { workOrderService } from './work-order.grpc';

/** The ERP-facing gRPC server: work orders, usage, the custody ledger, the contract ledger (billing), plus grpc.health.v1 and server reflection. */
@Injectable()
export class MaintenanceGrpcServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: RunningGrpcServer | undefined;

  constructor(
    private readonly workOrders: WorkOrders,
    private readonly custody: CustodyLedger,
    private readonly audit: AuditTrail,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: MaintenanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get port(): number | undefined {
    return this.running?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { GRPC_TLS_CERT: certFile, GRPC_TLS_KEY: keyFile, GRPC_TLS_CA: caFile } = this.config;
    const credentials = new ErpCredentials(this.config.GRPC_API_KEYS);
    this.running = await startGrpcServer({
      // The custody proto sits beside the maintenance one (…/fleettwin/<package>/v1/), in dev and in the image.
      protoFiles: [
        this.config.GRPC_PROTO,
        resolve(dirname(this.config.GRPC_PROTO), '../../custody/v1/custody.proto'),
        resolve(dirname(this.config.GRPC_PROTO), '../../billing/v1/billing.proto'),
      ],
      port: this.config.GRPC_PORT,
      services: {
        'fleettwin.maintenance.v1.WorkOrderService': auditGrpcMutations(workOrderService(this.workOrders, this.pool, this.logger, credentials), {
          ...this.auditOf('fleettwin.maintenance.v1.WorkOrderService'),
          methods: ['Acknowledge', 'Schedule', 'Start', 'Complete', 'Defer', 'Cancel'],
        }),
        'fleettwin.maintenance.v1.UsageService': usageService(this.pool, credentials),
        'fleettwin.custody.v1.CustodyService': auditGrpcMutations(custodyService(this.custody, this.pool, this.logger, credentials), {
          ...this.auditOf('fleettwin.custody.v1.CustodyService'),
          methods: ['Record'],
        }),
        'fleettwin.billing.v1.BillingService': billingService(this.pool, this.logger, credentials),
      },
      tls: certFile && keyFile ? { certFile, keyFile, ...(caFile ? { caFile } : {}) } : undefined,
    });
    this.logger.info({ port: this.running.port, tls: Boolean(certFile), mutualTls: Boolean(caFile) }, 'gRPC listening');
  }

  /** Mutating gRPC calls land in maintenance's audit trail (libs/audit) before they are answered. */
  private auditOf(grpcService: string) {
    return { trail: this.audit, service: 'maintenance', grpcService, logger: this.logger };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running?.stop();
  }
}
