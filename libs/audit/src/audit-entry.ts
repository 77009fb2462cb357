/** Who made a state-changing call, as the receiving service could establish it. */
export interface AuditPrincipal {
  /** `user` (gateway JWT sub), `api-key` / `certificate` (gRPC ERP callers), `device`, `actor` (an internal caller's x-actor), `anonymous`. */
  kind: 'user' | 'api-key' | 'certificate' | 'device' | 'actor' | 'anonymous';
  id: string;
}

/** One state-changing call: who, what, when and from where. */
export interface AuditEntry {
  service: string;
  tenant: string | null;
  principal: AuditPrincipal;
  /** The end user a trusted caller names (the gateway's user behind its gRPC API key); null when the principal acted for itself. */
  onBehalfOf: string | null;
  /** `POST /v1/work-orders/:id/:action` or `grpc fleettwin.maintenance.v1.WorkOrderService/Schedule`. */
  action: string;
  targetId: string | null;
  /** HTTP status (`201`) or gRPC status name (`OK`, `FAILED_PRECONDITION`). */
  outcome: string;
  clientIp: string | null;
  requestId: string | null;
}

/** A stored entry: its place in the chain, the time it was recorded, and the hashes that link it. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
}
