import { Module } from '@nestjs/common';
import { AuditModule, type AuditSubject } from '@fleettwin/audit';
import type { AuthenticatedRequest } from '../auth/principal';
import { ServiceClient } from '../upstream/service-client';
import { AuditController } from './audit.controller';

/** At the gateway the principal is the verified token: its subject and tenant; mutations the guard refused never reach the interceptor. */
const tokenSubject: AuditSubject = (req) => {
  const principal = (req as AuthenticatedRequest).principal;
  return principal ? { principal: { kind: 'user', id: principal.sub }, tenant: principal.tenant } : { principal: { kind: 'anonymous', id: '-' }, tenant: null };
};

/** The gateway's audit trail (every mutation through it) and `GET /v1/audit` for tenant admins. */
@Module({
  imports: [AuditModule.forService({ service: 'gateway', subject: tokenSubject, internalApi: false })],
  controllers: [AuditController],
  providers: [ServiceClient],
})
export class GatewayAuditModule {}
