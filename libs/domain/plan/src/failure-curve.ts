const DAY_MS = 86_400_000;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

export interface RulInterval {
  mean: number;
  lower: number;
  upper: number;
  /** Two-sided coverage of [lower, upper], e.g. 0.8. */
  coverage: number;
}

export interface FailureCurveInput {
  rul: RulInterval;
  /** When the RUL was predicted: the clock the cycles count from. */
  predictedAt: string;
  cyclesPerDay: number;
  startsOn: string;
  weeks: number;
}

/**
 * P(the asset fails in service before the start of week w), w = 0 … weeks: remaining life read as
 * normal with the interval's mean and the spread its coverage implies, cycles turned into days by
 * the utilisation. Non-decreasing by construction.
 */
export function failureCurve(input: FailureCurveInput): number[] {
  const { rul, cyclesPerDay, weeks } = input;
  const halfWidth = Math.max(1e-6, (rul.upper - rul.lower) / 2);
  const coverage = Math.min(0.999, Math.max(0.01, rul.coverage));
  const sigma = Math.max(1, halfWidth / normalQuantile((1 + coverage) / 2));
  const predictedMs = Date.parse(input.predictedAt);
  const startMs = Date.parse(`${input.startsOn}T00:00:00Z`);
  if (Number.isNaN(predictedMs) || Number.isNaN(startMs)) throw new RangeError('failureCurve needs valid timestamps');
  return Array.from({ length: weeks + 1 }, (_, w) => {
    const days = Math.max(0, (startMs + w * 7 * DAY_MS - predictedMs) / DAY_MS);
    return round6(normalCdf((days * cyclesPerDay - rul.mean) / sigma));
  });
}

export function weekOf(instant: string, startsOn: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`"${instant}" is not a timestamp`);
  return Math.floor((ms - Date.parse(`${startsOn}T00:00:00Z`)) / (7 * DAY_MS));
}

export function weekStart(startsOn: string, week: number): string {
  return new Date(Date.parse(`${startsOn}T00:00:00Z`) + week * 7 * DAY_MS).toISOString().slice(0, 10);
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
