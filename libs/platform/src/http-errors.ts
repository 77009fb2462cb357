import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { ApiErrorBody, FieldIssue } from '@fleettwin/contracts';

/** An error an adapter maps to a status with the one error body every API answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

const HTTP_CODES: Record<number, string> = { 400: 'BAD_REQUEST', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** Every error leaves as `{error: {code, message, details?}}`; unexpected ones are logged, never leaked. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const error = this.toApiError(exception, req);
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(error.status).json(error.body());
  }

  private toApiError(exception: unknown, req: Request): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const bodyError = bodyParserError(exception);
      return new ApiError(status, HTTP_CODES[status] ?? `HTTP_${status}`, bodyError ?? exception.message);
    }
    const typed = exception as { type?: string; status?: number; message?: string };
    if (typed?.type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
    if (typed?.type === 'entity.parse.failed') return new ApiError(400, 'MALFORMED_JSON', 'request body is not valid JSON');
    this.logger.error({ err: exception, path: req.url }, 'unhandled error');
    return new ApiError(500, 'INTERNAL', 'internal error');
  }
}

function bodyParserError(exception: HttpException): string | undefined {
  const cause = exception.cause as { type?: string } | undefined;
  if (cause?.type === 'entity.parse.failed') return 'request body is not valid JSON';
  return undefined;
}
