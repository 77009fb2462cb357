import type { GatewayClaims } from '@fleettwin/contracts';
import type { Request } from 'express';

/** Who is calling, as proven by the token: the only source of the tenant for every route. */
export type Principal = GatewayClaims;

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  requestId?: string;
}

export function principalOf(req: AuthenticatedRequest): Principal {
  if (!req.principal) throw new Error('route reached without an authenticated principal');
  return req.principal;
}
