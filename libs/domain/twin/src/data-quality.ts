import type { QualityFlag } from '@fleettwin/contracts';
import type { SensorState } from './twin.events';

export interface SensorRange {
  min: number;
  max: number;
  /** Frames of an unchanged value after which the sensor counts as stuck; null for sensors that are constant by design. */
  stuckAfter?: number | null;
}

export interface DataQualityPolicy {
  ranges: Readonly<Record<string, SensorRange>>;
  /** Default for sensors whose range does not say. */
  stuckAfter: number;
}

/** The sensor's state after one more reading, with the data-quality flags that reading raises. */
export function assessReading(
  previous: SensorState | undefined,
  value: number | null,
  ts: string,
  range: SensorRange | undefined,
  policy: DataQualityPolicy,
): SensorState {
  if (value === null || !Number.isFinite(value)) {
    return { value: null, ts, quality: ['non-finite'], repeats: 0 };
  }
  const repeats = previous?.value === value ? previous.repeats + 1 : 1;
  const quality: QualityFlag[] = [];
  const stuckAfter = range?.stuckAfter === undefined ? policy.stuckAfter : range.stuckAfter;
  if (stuckAfter !== null && repeats >= stuckAfter) quality.push('stuck');
  if (range && (value < range.min || value > range.max)) quality.push('out-of-range');
  return { value, ts, quality, repeats };
}
