const DAY_MS = 86_400_000;

export interface DueDateInput {
  /** When the prediction was made: the clock the due date counts from. */
  now: string;
  /** Lower bound of the remaining-useful-life interval, cycles. */
  rulLower: number;
  /** Cycles kept in hand so the work is done before the pessimistic end of life, not at it. */
  safetyMarginCycles: number;
  /** Assumed utilisation of this asset, flight cycles per day (> 0). */
  cyclesPerDay: number;
}

/**
 * due = now + max(0, rul.lower − margin) / cyclesPerDay days. The lower bound, not the mean, so
 * that with the interval's coverage the asset is still serviceable on the due date.
 */
export function dueDateFromRul(input: DueDateInput): string {
  if (!(input.cyclesPerDay > 0)) throw new RangeError('cyclesPerDay must be positive');
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now "${input.now}" is not a timestamp`);
  const cycles = Math.max(0, input.rulLower - input.safetyMarginCycles);
  return new Date(nowMs + Math.floor((cycles / input.cyclesPerDay) * DAY_MS)).toISOString();
}

export function earlierOf(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
