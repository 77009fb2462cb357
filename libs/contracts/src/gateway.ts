import { z } from 'zod';
import { TenantId } from './identifiers';

/** Roles a gateway token may carry, from read-only to machine integrations. */
export const GatewayRole = z.enum(['viewer', 'engineer', 'planner', 'admin', 'integration']);
export type GatewayRole = z.infer<typeof GatewayRole>;
export const GATEWAY_ROLES = GatewayRole.options;

/** The claims the gateway reads from a verified bearer token; the tenant is never taken from the request. */
export const GatewayClaims = z.object({
  sub: z.string().min(1).max(200),
  tenant: TenantId,
  roles: z.array(GatewayRole).min(1),
});
export type GatewayClaims = z.infer<typeof GatewayClaims>;

/** Kinds of live update on `GET /v1/stream`, one per source topic. */
export const LiveUpdateType = z.enum(['twin', 'prediction', 'work-order']);
export type LiveUpdateType = z.infer<typeof LiveUpdateType>;

/** One Server-Sent Event's `data`: the source event as stored, tagged with its kind. */
export interface LiveUpdate {
  type: LiveUpdateType;
  id: string;
  tenant: string;
  eventType: string;
  streamId?: string;
  data: Record<string, unknown>;
}
