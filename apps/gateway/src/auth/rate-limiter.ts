import { Inject, Injectable } from '@nestjs/common';
import { ApiError, CONFIG } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';

interface Window {
  startedAt: number;
  count: number;
}

const WINDOW_MS = 60_000;

/** A fixed one-minute window per client (token subject, or IP before authentication). */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(CONFIG) private readonly config: GatewayConfig) {}

  take(client: string, now = Date.now()): void {
    const current = this.windows.get(client);
    const window = current && now - current.startedAt < WINDOW_MS ? current : { startedAt: now, count: 0 };
    window.count += 1;
    this.windows.set(client, window);
    if (this.windows.size > 100_000) this.forgetExpired(now);
    if (window.count <= this.config.RATE_LIMIT_PER_MINUTE) return;
    const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
    throw new ApiError(429, 'RATE_LIMITED', `more than ${this.config.RATE_LIMIT_PER_MINUTE} requests a minute`, undefined, { 'retry-after': String(retryAfter) });
  }

  private forgetExpired(now: number): void {
    for (const [client, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(client);
  }
}
