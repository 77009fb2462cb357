import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Logger } from 'pino';
import { catchError, concatMap, from, map, type Observable, throwError } from 'rxjs';
import { ApiError, LOGGER } from '@fleettwin/platform';
import type { AuditEntry, AuditPrincipal } from './audit-entry';
import { AuditTrail } from './audit-trail';

/** Who is calling and for which tenant, as this service knows it (the gateway: the verified token; the others: their callers' headers). */
export type AuditSubject = (req: Request) => { principal: AuditPrincipal; tenant: string | null; onBehalfOf?: string | null };

export interface AuditOptions {
  service: string;
  subject: AuditSubject;
}

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TARGET_PARAMS = ['id', 'assetId', 'code', 'partId', 'dtmi'];

/**
 * Records every HTTP mutation (POST/PUT/PATCH/DELETE) with its outcome, refused ones included, before
 * the answer leaves: a caller who saw the answer can find the row. Reads are not audited.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (!MUTATIONS.has(req.method)) return next.handle();
    const success = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      concatMap((value: unknown) => from(this.write(req, success)).pipe(map(() => value))),
      catchError((error: unknown) => from(this.write(req, statusOf(error))).pipe(concatMap(() => throwError(() => error)))),
    );
  }

  private async write(req: Request, status: number): Promise<void> {
    const subject = this.options.subject(req);
    const entry: AuditEntry = {
      service: this.options.service,
      tenant: subject.tenant,
      principal: subject.principal,
      onBehalfOf: subject.onBehalfOf ?? null,
      action: `${req.method} ${routePath(req)}`,
      targetId: targetOf(req),
      outcome: String(status),
      clientIp: req.ip ?? req.socket.remoteAddress ?? null,
      requestId: headerText(req, 'x-request-id'),
    };
    try {
      await this.trail.record(entry);
    } catch (error) {
      // The call already happened; losing its audit row must be loud, not fatal to the caller.
      this.logger.error({ err: error, audit: entry }, 'audit record could not be written');
    }
  }
}

/** What a service behind the gateway knows of its caller: the x-actor header it was given and the tenant the body or query names. */
export const callerHeadersSubject: AuditSubject = (req) => {
  const actor = headerText(req, 'x-actor');
  const body = req.body as { tenant?: unknown } | undefined;
  const tenant = typeof body?.tenant === 'string' ? body.tenant : typeof req.query.tenant === 'string' ? req.query.tenant : headerText(req, 'x-tenant');
  return { principal: actor ? { kind: 'actor', id: actor } : { kind: 'anonymous', id: '-' }, tenant };
};

function statusOf(error: unknown): number {
  if (error instanceof ApiError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}

function routePath(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : req.path;
}

function targetOf(req: Request): string | null {
  const params = req.params as Record<string, string | undefined>;
  for (const name of TARGET_PARAMS) if (params[name]) return params[name] ?? null;
  return null;
}

function headerText(req: Request, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value ? value.slice(0, 256) : null;
}
