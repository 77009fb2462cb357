import { ApiError } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import { RateLimiter } from './rate-limiter';

const limiter = (perMinute: number) => new RateLimiter({ RATE_LIMIT_PER_MINUTE: perMinute } as GatewayConfig);

describe('RateLimiter', () => {
  it('given a client within its rate, when it calls, then it passes', () => {
    const rate = limiter(2);
    expect(() => { rate.take('a', 0); rate.take('a', 1); }).not.toThrow();
  });

  it('given a client over its rate, when it calls, then 429 with the seconds left in the window', () => {
    const rate = limiter(1);
    rate.take('a', 0);
    let refused: unknown;
    try { rate.take('a', 20_000); } catch (error) { refused = error; }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '40' } });
  });

  it('given another client or a new window, when it calls, then it passes', () => {
    const rate = limiter(1);
    rate.take('a', 0);
    expect(() => rate.take('b', 1)).not.toThrow();
    expect(() => rate.take('a', 60_000)).not.toThrow();
  });
});
