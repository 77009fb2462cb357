/** A billing period is a calendar month in UTC, written `YYYY-MM`. */
export type BillingPeriod = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isBillingPeriod(value: string): boolean {
  return PERIOD.test(value);
}

export function periodOf(instant: string): BillingPeriod {
  return new Date(instant).toISOString().slice(0, 7);
}

export function periodStartMs(period: BillingPeriod): number {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`"${period}" is not a billing period (YYYY-MM)`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, 1);
}

/** The first instant of the next period: periods are [start, end). */
export function periodEndMs(period: BillingPeriod): number {
  return periodStartMs(nextPeriod(period));
}

export function nextPeriod(period: BillingPeriod): BillingPeriod {
  const start = new Date(periodStartMs(period));
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}
