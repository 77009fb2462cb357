import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { ApiError } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';

/** TLS to maintenance when a CA is configured (mutual TLS with a client certificate); plaintext in development. */
export function maintenanceChannel(config: GatewayConfig): grpc.ChannelCredentials {
  if (!config.MAINTENANCE_GRPC_TLS_CA) return grpc.credentials.createInsecure();
  const cert = config.MAINTENANCE_GRPC_TLS_CERT ? readFileSync(config.MAINTENANCE_GRPC_TLS_CERT) : null;
  const key = config.MAINTENANCE_GRPC_TLS_KEY ? readFileSync(config.MAINTENANCE_GRPC_TLS_KEY) : null;
  return grpc.credentials.createSsl(readFileSync(config.MAINTENANCE_GRPC_TLS_CA), key, cert);
}

/**
 * Maintenance binds each API key to one tenant, so the gateway presents the key of the tenant it acts for.
 * Without configured keys (development) no key is sent.
 */
export class TenantApiKeys {
  private readonly keys: Map<string, string>;

  constructor(config: string | undefined) {
    this.keys = new Map((config ?? '').split(',').filter(Boolean).map((pair) => {
      const at = pair.indexOf(':');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }));
  }

  metadataFor(tenant: string): grpc.Metadata {
    const metadata = new grpc.Metadata();
    if (!this.keys.size) return metadata;
    const key = this.keys.get(tenant);
    if (!key) throw new ApiError(503, 'TENANT_NOT_CONNECTED', 'work orders are not available for this tenant');
    metadata.set('x-api-key', key);
    return metadata;
  }
}
