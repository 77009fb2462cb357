/**
 * One engine cycle as the twin reports it: three operational settings and the 21 C-MAPSS
 * sensor channels (index 0 is s1). Arrays rather than records keep scoring allocation-light.
 */
export interface Cycle {
  readonly cycle: number;
  readonly settings: readonly number[];
  readonly sensors: readonly number[];
}

export const SENSOR_COUNT = 21;
export const SETTING_COUNT = 3;

/** The 14 channels that move with degradation in C-MAPSS (Saxena et al. 2008 and most of the literature). */
export const INFORMATIVE_SENSORS = [
  's2', 's3', 's4', 's7', 's8', 's9', 's11', 's12', 's13', 's14', 's15', 's17', 's20', 's21',
] as const;

export type SensorName = (typeof INFORMATIVE_SENSORS)[number];

/** Column index (0-based, into Cycle.sensors) of a sensor named `sN`. */
export function sensorIndex(name: string): number {
  return Number(name.slice(1)) - 1;
}
