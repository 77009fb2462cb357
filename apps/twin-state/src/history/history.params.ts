import { z } from 'zod';
import { isStorableInstant, SensorName } from '@fleettwin/contracts';

export const MAX_BUCKETS = 10000;
export const MAX_STEP_SECONDS = 100 * 365 * 86400;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30s`, `5m`, `1h`, `1d` or a number of seconds. */
export const Step = z
  .string()
  .regex(/^\d+(\.\d+)?[smhd]?$/, 'step is a duration such as 30s, 5m, 1h or 1d')
  .transform((s) => {
    const unit = /[smhd]$/.test(s) ? s.slice(-1) : 's';
    return Number.parseFloat(s) * (UNIT_SECONDS[unit] ?? 1);
  })
  .refine((seconds) => seconds >= 1, 'step must be at least 1 second')
  // `1e400s` parses to Infinity, which PostgreSQL cannot bucket by.
  .refine((seconds) => seconds <= MAX_STEP_SECONDS, 'step must be at most 100 years');

export const HistoryParams = z
  .object({
    sensor: SensorName,
    from: z.string().datetime({ offset: true, message: 'from must be an ISO-8601 date-time' }).refine(isStorableInstant, 'from must lie between 1900-01-01 and 2200-01-01').transform((s) => new Date(s)),
    to: z.string().datetime({ offset: true, message: 'to must be an ISO-8601 date-time' }).refine(isStorableInstant, 'to must lie between 1900-01-01 and 2200-01-01').transform((s) => new Date(s)),
    step: Step,
  })
  .refine((p) => p.to > p.from, { message: 'to must be after from', path: ['to'] })
  .refine((p) => (p.to.getTime() - p.from.getTime()) / 1000 / p.step <= MAX_BUCKETS, {
    message: `the window holds more than ${MAX_BUCKETS} steps; use a larger step`,
    path: ['step'],
  });
