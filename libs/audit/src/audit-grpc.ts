import { createHash } from 'node:crypto';
import { status as GrpcStatus, type Metadata, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { AuditEntry, AuditPrincipal } from './audit-entry';
import type { AuditTrail } from './audit-trail';

type Request = Record<string, unknown>;
type Unary = (call: ServerUnaryCall<Request, unknown>, callback: sendUnaryData<unknown>) => void;

export interface GrpcAuditOptions {
  trail: AuditTrail;
  service: string;
  /** Full gRPC service name, e.g. `fleettwin.maintenance.v1.WorkOrderService`. */
  grpcService: string;
  /** The state-changing unary methods to record. */
  methods: readonly string[];
  logger: Logger;
}

/**
 * Wraps a service implementation so every listed unary call is recorded with its gRPC status before
 * the answer is sent: who (client certificate subject, else an API-key fingerprint), what, when, from where.
 */
export function auditGrpcMutations(impl: UntypedServiceImplementation, options: GrpcAuditOptions): UntypedServiceImplementation {
  const wrapped: UntypedServiceImplementation = { ...impl };
  for (const method of options.methods) {
    const handler = impl[method] as Unary | undefined;
    if (!handler) throw new Error(`${options.grpcService} has no method ${method} to audit`);
    wrapped[method] = ((call, callback) => {
      handler(call, (error, value, ...rest) => {
        const code = error ? ((error as { code?: number }).code ?? GrpcStatus.UNKNOWN) : GrpcStatus.OK;
        void record(options, method, call, code).finally(() => callback(error, value, ...rest));
      });
    }) as Unary;
  }
  return wrapped;
}

async function record(options: GrpcAuditOptions, method: string, call: ServerUnaryCall<Request, unknown>, code: number): Promise<void> {
  const req = call.request ?? {};
  const entry: AuditEntry = {
    service: options.service,
    tenant: text(req.tenant),
    principal: grpcPrincipal(call),
    onBehalfOf: text(req.actor),
    action: `grpc ${options.grpcService}/${method}`,
    targetId: text(req.id) ?? text(req.partId) ?? text(req.assetId),
    outcome: GrpcStatus[code] ?? String(code),
    clientIp: peerAddress(call.getPeer()),
    requestId: metadataText(call.metadata, 'x-request-id'),
  };
  try {
    await options.trail.record(entry);
  } catch (error) {
    options.logger.error({ err: error, audit: entry }, 'audit record could not be written');
  }
}

/** The strongest identity the call proves: its client certificate under mutual TLS, else its API key (never stored, only a fingerprint). */
export function grpcPrincipal(call: Pick<ServerUnaryCall<Request, unknown>, 'metadata' | 'getAuthContext'>): AuditPrincipal {
  const certificate = call.getAuthContext?.()?.sslPeerCertificate;
  const subject = certificate?.subject as { CN?: string } | undefined;
  if (subject?.CN) return { kind: 'certificate', id: `CN=${subject.CN}${certificate?.fingerprint256 ? ` sha256:${certificate.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}` : ''}` };
  const key = metadataText(call.metadata, 'x-api-key');
  if (key) return { kind: 'api-key', id: `key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}` };
  return { kind: 'anonymous', id: '-' };
}

function peerAddress(peer: string): string | null {
  // grpc-js peers look like `ipv4:127.0.0.1:51234` or `ipv6:[::1]:51234`.
  const match = /^(?:ipv4:)?([\d.]+):\d+$/.exec(peer) ?? /^(?:ipv6:)?\[([^\]]+)\]:\d+$/.exec(peer);
  return match?.[1] ?? (peer || null);
}

function metadataText(metadata: Metadata, name: string): string | null {
  const value = metadata.get(name)[0];
  return typeof value === 'string' && value ? value.slice(0, 256) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}
