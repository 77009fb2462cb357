import { status as GrpcStatus, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Pool } from 'pg';
import { AssetId, isStorableInstant, TenantId } from '@fleettwin/contracts';
import { AccessRefused, type ErpCredentials } from './erp-credentials';

type Request = Record<string, unknown>;

/** `UsageService.GetUsage`: billable operating hours and cycles in [from, to), from completed cycles. */
export function usageService(pool: Pool, credentials: ErpCredentials): UntypedServiceImplementation {
  return {
    GetUsage: (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => {
      const tenant = TenantId.safeParse(call.request.tenant);
      const assetId = AssetId.safeParse(call.request.assetId);
      const from = Date.parse(String(call.request.from));
      const to = Date.parse(String(call.request.to));
      const storable = isStorableInstant(String(call.request.from)) && isStorableInstant(String(call.request.to));
      if (!tenant.success || !assetId.success || !storable || to <= from) {
        callback({ code: GrpcStatus.INVALID_ARGUMENT, details: 'tenant, asset_id and an RFC 3339 period with from < to (between 1900 and 2200) are required' });
        return;
      }
      try {
        credentials.authorise(call.metadata, tenant.data);
      } catch (error) {
        if (error instanceof AccessRefused) return callback({ code: error.code, details: error.message });
        throw error;
      }
      pool
        .query<{ cycles: string; running_ms: string | null }>(
          'SELECT count(*) AS cycles, sum(running_ms) AS running_ms FROM usage_cycles WHERE tenant = $1 AND asset_id = $2 AND ended_at >= $3 AND ended_at < $4',
          [tenant.data, assetId.data, new Date(from).toISOString(), new Date(to).toISOString()],
        )
        .then(
          ({ rows }) =>
            callback(null, {
              tenant: tenant.data,
              assetId: assetId.data,
              from: new Date(from).toISOString(),
              to: new Date(to).toISOString(),
              operatingHours: Number(rows[0]?.running_ms ?? 0) / 3_600_000,
              cycles: String(rows[0]?.cycles ?? '0'),
            }),
          () => callback({ code: GrpcStatus.INTERNAL, details: 'internal error' }),
        );
    },
  };
}
