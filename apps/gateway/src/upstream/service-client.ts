import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ApiErrorBody } from '@fleettwin/contracts';
import { ApiError, CONFIG, LOGGER } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';

export type ServiceName = 'twin-state' | 'predictor' | 'maintenance';
type Query = Record<string, string | undefined>;

export interface UpstreamCall {
  method?: 'GET' | 'POST';
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  requestId?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Calls a service's internal HTTP API. A 404 becomes the gateway's own 404 (never echoing the service),
 * other refusals keep their code and message, failures and 5xx become 502.
 */
@Injectable()
export class ServiceClient {
  private readonly bases: Record<ServiceName, string>;

  constructor(@Inject(CONFIG) config: GatewayConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.bases = { 'twin-state': config.TWIN_STATE_URL, predictor: config.PREDICTOR_URL, maintenance: config.MAINTENANCE_URL };
  }

  async call<T>(service: ServiceName, path: string, options: UpstreamCall = {}): Promise<T> {
    const url = new URL(path, this.bases[service]);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    const res = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(options.requestId ? { 'x-request-id': options.requestId } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((error: unknown) => {
      this.logger.error({ err: error, service, path, requestId: options.requestId }, 'service unreachable');
      throw new ApiError(502, 'UPSTREAM_UNAVAILABLE', `${service} is unavailable`);
    });
    if (res.ok) return (await res.json()) as T;
    if (res.status === 404) throw notFound();
    if (res.status >= 500) {
      this.logger.error({ service, path, status: res.status, requestId: options.requestId }, 'service failed');
      throw new ApiError(502, 'UPSTREAM_FAILED', `${service} failed to answer`);
    }
    const refused = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new ApiError(res.status, refused?.error.code ?? `HTTP_${res.status}`, refused?.error.message ?? `${service} refused the request`, refused?.error.details);
  }
}

/** The one answer for anything unknown or owned by another tenant: nothing about it leaves. */
export function notFound(): ApiError {
  return new ApiError(404, 'NOT_FOUND', 'no such resource');
}
