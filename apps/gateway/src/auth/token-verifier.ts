import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { GatewayClaims } from '@fleettwin/contracts';
import { ApiError, CONFIG } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import type { Principal } from './principal';

/** Asymmetric algorithms for JWKS keys; HS256 only with the development secret. Never `none`. */
const JWKS_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const DEV_ALGORITHMS = ['HS256'];

/** Verifies a bearer token's signature, issuer, audience, expiry and not-before, then reads its claims. */
@Injectable()
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;
  private readonly algorithms: string[];

  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {
    if (config.AUTH_JWKS_URL) {
      this.key = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
      this.algorithms = JWKS_ALGORITHMS;
    } else {
      this.key = new TextEncoder().encode(config.AUTH_DEV_SECRET);
      this.algorithms = DEV_ALGORITHMS;
    }
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized('a bearer token is required');
    const options = { issuer: this.config.AUTH_ISSUER, audience: this.config.AUTH_AUDIENCE, algorithms: this.algorithms, requiredClaims: ['exp', 'sub'] };
    const verified = await (this.key instanceof Uint8Array ? jwtVerify(token, this.key, options) : jwtVerify(token, this.key, options)).catch(() => undefined);
    if (!verified) throw unauthorized('the token is invalid, expired or not meant for this API');
    const claims = GatewayClaims.safeParse(verified.payload);
    if (!claims.success) throw unauthorized('the token lacks a valid tenant, roles or subject');
    return claims.data;
  }
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', message, undefined, { 'www-authenticate': 'Bearer' });
}
