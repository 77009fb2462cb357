import { assessReading, type DataQualityPolicy } from './data-quality';
import { defaultDataQualityPolicy } from './sensor-ranges';
import type { SensorState, TwinEvent, TwinState } from './twin.events';

export type TwinEvolve = (state: TwinState, event: TwinEvent) => TwinState;

/** The twin's fold. Data-quality verdicts are derived here, so a rebuild under the same policy is identical. */
export function createTwinEvolve(policy: DataQualityPolicy = defaultDataQualityPolicy): TwinEvolve {
  return (state, event) => {
    switch (event.type) {
      case 'FrameRecorded': {
        const { tenant, assetId, ts, seq, readings } = event.data;
        const sensors: Record<string, SensorState> = { ...(state?.sensors ?? {}) };
        for (const [name, value] of Object.entries(readings)) {
          sensors[name] = assessReading(sensors[name], value, ts, policy.ranges[name], policy);
        }
        return { assetId, tenant, sensors, frames: (state?.frames ?? 0) + 1, lastSeq: seq, updatedAt: ts };
      }
    }
  };
}

export const evolve: TwinEvolve = createTwinEvolve();

export function foldTwin(events: readonly TwinEvent[], state: TwinState = null, fold: TwinEvolve = evolve): TwinState {
  return events.reduce(fold, state);
}
