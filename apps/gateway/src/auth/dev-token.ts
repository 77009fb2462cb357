import { SignJWT } from 'jose';
import type { GatewayRole } from '@fleettwin/contracts';

export interface DevTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  tenant: string;
  roles: GatewayRole[];
  sub?: string;
  expiresIn?: string;
  notBefore?: string;
}

/** An HS256 token for development and tests, signed with the gateway's AUTH_DEV_SECRET. */
export async function mintDevToken(options: DevTokenOptions): Promise<string> {
  return new SignJWT({ tenant: options.tenant, roles: options.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? `dev-${options.roles.join('-')}@${options.tenant}`)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setNotBefore(options.notBefore ?? '0s')
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(options.secret));
}
