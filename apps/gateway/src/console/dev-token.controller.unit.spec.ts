import { jwtVerify } from 'jose';
import { ApiError } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import { DevTokenController } from './dev-token.controller';

const SECRET = 'console-unit-secret-0123456789abcdef';
const config = (secret?: string) => ({ AUTH_DEV_SECRET: secret, AUTH_ISSUER: 'https://auth.test/', AUTH_AUDIENCE: 'fleettwin-gateway' }) as GatewayConfig;

describe('DevTokenController', () => {
  it('given the dev secret, when a tenant and role ask, then a token the gateway verifies, for that tenant and role', async () => {
    const answer = await new DevTokenController(config(SECRET)).mint({ tenant: 'acme', roles: ['planner'] });
    const { payload } = await jwtVerify(answer.token, new TextEncoder().encode(SECRET), { issuer: 'https://auth.test/', audience: 'fleettwin-gateway', algorithms: ['HS256'] });
    expect(payload).toMatchObject({ tenant: 'acme', roles: ['planner'], sub: 'dev-planner@acme' });
    expect(answer).toMatchObject({ tenant: 'acme', roles: ['planner'], sub: 'dev-planner@acme' });
  });

  it('given a gateway on a JWKS (no dev secret), when asked, then 404 like an unknown path', async () => {
    await expect(new DevTokenController(config(undefined)).mint({ tenant: 'acme', roles: ['admin'] })).rejects.toMatchObject({ status: 404 });
  });

  it('given an unknown role or a bad tenant, when asked, then 400', async () => {
    const controller = new DevTokenController(config(SECRET));
    await expect(controller.mint({ tenant: 'acme', roles: ['root'] })).rejects.toBeInstanceOf(ApiError);
    await expect(controller.mint({ tenant: 'Not A Tenant', roles: ['viewer'] })).rejects.toMatchObject({ status: 400 });
  });
});
