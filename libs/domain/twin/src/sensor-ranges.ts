import type { DataQualityPolicy, SensorRange } from './data-quality';

/**
 * Plausible ranges for turbofan sensors, by the names NASA's C-MAPSS uses (Saxena et al. 2008)
 * and the names the fleet simulator sends. Wide on purpose: they catch broken sensors, not wear.
 * Sensors that are constant by design in a fixed operating condition never count as stuck.
 */
export const TURBOFAN_SENSOR_RANGES: Readonly<Record<string, SensorRange>> = {
  T2: { min: 400, max: 700, stuckAfter: null },
  T24: { min: 500, max: 800 },
  T30: { min: 1200, max: 1800 },
  T50: { min: 1000, max: 1600 },
  P2: { min: 5, max: 30, stuckAfter: null },
  P15: { min: 5, max: 40, stuckAfter: null },
  P30: { min: 100, max: 700 },
  Nf: { min: 1500, max: 2600 },
  Nc: { min: 7000, max: 10000 },
  epr: { min: 0.8, max: 2, stuckAfter: null },
  Ps30: { min: 20, max: 60 },
  phi: { min: 100, max: 600 },
  NRf: { min: 1500, max: 2600 },
  NRc: { min: 7000, max: 10000 },
  BPR: { min: 5, max: 12 },
  farB: { min: 0, max: 0.1, stuckAfter: null },
  htBleed: { min: 300, max: 450 },
  Nf_dmd: { min: 1500, max: 2600, stuckAfter: null },
  PCNfR_dmd: { min: 50, max: 110, stuckAfter: null },
  W31: { min: 5, max: 50 },
  W32: { min: 5, max: 50 },
  egt: { min: 200, max: 1100 },
  fuelFlow: { min: 0, max: 10000 },
  vibration: { min: 0, max: 50 },
  oilPressure: { min: 0, max: 150 },
  oilTemp: { min: -40, max: 200 },
  n1: { min: 0, max: 120 },
  n2: { min: 0, max: 120 },
};

export const DEFAULT_STUCK_AFTER = 10;

export const defaultDataQualityPolicy: DataQualityPolicy = {
  ranges: TURBOFAN_SENSOR_RANGES,
  stuckAfter: DEFAULT_STUCK_AFTER,
};
