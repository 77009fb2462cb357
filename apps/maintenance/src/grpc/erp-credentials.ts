import { timingSafeEqual } from 'node:crypto';
import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';

export class AccessRefused extends Error {
  constructor(readonly code: GrpcStatus.UNAUTHENTICATED | GrpcStatus.PERMISSION_DENIED, message: string) {
    super(message);
  }
}

/**
 * ERP systems authenticate with an API key bound to one tenant (on top of TLS or mutual TLS).
 * No key → UNAUTHENTICATED; a key for another tenant → PERMISSION_DENIED. Without configured keys
 * (dev only; prod refuses to start without them) every caller is trusted.
 */
export class ErpCredentials {
  private readonly keys: { tenant: string; key: Buffer }[];

  constructor(config: string | undefined) {
    this.keys = (config ?? '').split(',').filter(Boolean).map((pair) => {
      const at = pair.indexOf(':');
      return { tenant: pair.slice(0, at), key: Buffer.from(pair.slice(at + 1)) };
    });
  }

  authorise(metadata: Metadata, tenant: string): void {
    if (!this.keys.length) return;
    const presented = metadata.get('x-api-key')[0];
    if (typeof presented !== 'string' || !presented) throw new AccessRefused(GrpcStatus.UNAUTHENTICATED, 'an x-api-key is required');
    const key = Buffer.from(presented);
    const match = this.keys.find((k) => k.key.length === key.length && timingSafeEqual(k.key, key));
    if (!match) throw new AccessRefused(GrpcStatus.UNAUTHENTICATED, 'the x-api-key is not valid');
    if (match.tenant !== tenant) throw new AccessRefused(GrpcStatus.PERMISSION_DENIED, `this key may not act for tenant ${tenant}`);
  }
}
