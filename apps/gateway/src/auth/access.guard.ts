import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '@fleettwin/platform';
import { DEV_TOKEN_PATH } from '../console/dev-token.controller';
import { ROUTE_ACCESS } from '../routes/access.decorator';
import { routeSpec, type RouteName } from '../routes/route-table';
import type { AuthenticatedRequest } from './principal';
import { RateLimiter } from './rate-limiter';
import { TokenVerifier } from './token-verifier';

/**
 * Paths served without a token: probes, Prometheus' scrape (like every service's; keep it off the
 * public ingress), the API description and the development login (404 unless AUTH_DEV_SECRET is set).
 */
const PUBLIC_PATHS = new Set(['/health', '/metrics', '/openapi.json', '/docs', DEV_TOKEN_PATH]);

/**
 * Every request passes here: public paths go through; any other must be a route of the table,
 * carry a valid token (401), stay within its client's rate (429) and hold one of the route's roles (403).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly verifier: TokenVerifier, private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = this.reflector.get<RouteName | undefined>(ROUTE_ACCESS, context.getHandler());
    if (!route) {
      if (PUBLIC_PATHS.has(req.path)) return true;
      throw new ApiError(404, 'NOT_FOUND', `no route ${req.method} ${req.path}`);
    }
    const principal = await this.verifier.verify(req.headers.authorization).catch((error: unknown) => {
      this.limiter.take(`ip:${req.ip ?? 'unknown'}`);
      throw error;
    });
    this.limiter.take(`sub:${principal.sub}`);
    const allowed = routeSpec(route).roles;
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ApiError(403, 'FORBIDDEN', `${route} needs one of the roles ${allowed.join(', ')}`);
    }
    req.principal = principal;
    return true;
  }
}
