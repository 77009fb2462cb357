import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { describeIssues, GatewayRole, TenantId } from '@fleettwin/contracts';
import { ApiError, CONFIG } from '@fleettwin/platform';
import { mintDevToken } from '../auth/dev-token';
import type { GatewayConfig } from '../config';

export const DEV_TOKEN_PATH = '/v1/dev/token';
const LIFETIME_HOURS = 8;

const DevTokenRequest = z.object({
  tenant: TenantId,
  roles: z.array(GatewayRole).min(1),
  sub: z.string().min(1).max(200).optional(),
}).strict();

/**
 * `POST /v1/dev/token`: the console's development login. It exists only while the gateway runs with
 * AUTH_DEV_SECRET (which already lets anyone holding it mint tokens); with a JWKS it answers 404 like any unknown path.
 */
@Controller('v1/dev/token')
export class DevTokenController {
  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  @Post()
  @HttpCode(201)
  async mint(@Body() body: unknown): Promise<{ token: string; tenant: string; roles: GatewayRole[]; sub: string; expiresAt: string }> {
    const secret = this.config.AUTH_DEV_SECRET;
    if (!secret) throw new ApiError(404, 'NOT_FOUND', `no route POST ${DEV_TOKEN_PATH}`);
    const request = DevTokenRequest.safeParse(body ?? {});
    if (!request.success) {
      const details = describeIssues(request.error);
      throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const { tenant, roles } = request.data;
    const sub = request.data.sub ?? `dev-${roles.join('-')}@${tenant}`;
    const token = await mintDevToken({ secret, issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE, tenant, roles, sub, expiresIn: `${LIFETIME_HOURS}h` });
    return { token, tenant, roles, sub, expiresAt: new Date(Date.now() + LIFETIME_HOURS * 3600_000).toISOString() };
  }
}
