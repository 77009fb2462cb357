import type { DataQualityPolicy, SensorRange } from '@fleettwin/domain-twin';
import type { AssetModel, TelemetryModel } from './asset-model';

export interface DataQualityDefaults {
  /** For sensors whose model does not say. */
  stuckAfter: number;
  /** Ranges for sensors the model does not range; the model's own ranges win. */
  ranges?: Readonly<Record<string, SensorRange>>;
}

/**
 * The twin's data-quality policy from a loaded model, so an uploaded model decides what counts
 * as out of range or stuck. A one-sided range stays open on the other side. A boolean sensor
 * ranges over 0 and 1 and never counts as stuck: holding its value is what a flag does.
 */
export function toDataQualityPolicy(model: AssetModel, defaults: DataQualityDefaults): DataQualityPolicy {
  const ranges: Record<string, SensorRange> = { ...(defaults.ranges ?? {}) };
  for (const telemetry of model.telemetry) {
    const range = rangeOf(telemetry);
    if (range) ranges[telemetry.name] = range;
  }
  return { ranges, stuckAfter: defaults.stuckAfter };
}

function rangeOf(telemetry: TelemetryModel): SensorRange | null {
  if (telemetry.schema === 'boolean') return { min: 0, max: 1, stuckAfter: null };
  if (telemetry.min === undefined && telemetry.max === undefined && telemetry.stuckAfter === undefined) return null;
  const range: SensorRange = { min: telemetry.min ?? Number.NEGATIVE_INFINITY, max: telemetry.max ?? Number.POSITIVE_INFINITY };
  if (telemetry.stuckAfter !== undefined) range.stuckAfter = telemetry.stuckAfter;
  return range;
}
