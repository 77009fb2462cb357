/**
 * How operating conditions scale an engine's wear rate. The sensitivities are the fleet
 * simulator's ground truth (libs/simulator/src/degradation.ts, docs/simulator.md), restated here
 * because this library may not depend on the simulator; a unit test keeps the two equal.
 */
export const CLIMATES = ['hot-humid', 'hot-dry', 'temperate', 'cold'] as const;
export type Climate = (typeof CLIMATES)[number];
export const ROUTES = ['short-haul', 'long-haul'] as const;
export type Route = (typeof ROUTES)[number];

export interface OperatingProfile {
  /** Mean takeoff derate, percent of rated thrust not used (0–40). */
  deratePercent: number;
  climate: Climate;
  /** Ambient temperature change on top of the climate zone, °C. */
  ambientDeltaC: number;
  route: Route;
  cyclesPerDay: number;
  hoursPerCycle: number;
}

export const DEFAULT_PROFILE: OperatingProfile = { deratePercent: 0, climate: 'temperate', ambientDeltaC: 0, route: 'short-haul', cyclesPerDay: 4, hoursPerCycle: 1.5 };

/** Wear per cycle falls by 1.5× the derate fraction (simulator: `1 − 1.5·d`). */
export const DERATE_SENSITIVITY = 1.5;

/**
 * The health index is dominated by HPC wear (EGT, T30, T50, P30, …), so the HPC column of the
 * simulator's climate table applies.
 */
export const CLIMATE_WEAR: Readonly<Record<Climate, number>> = { 'hot-humid': 1.6, 'hot-dry': 1.3, temperate: 1, cold: 0.85 };

export const ROUTE_WEAR: Readonly<Record<Route, number>> = { 'short-haul': 1, 'long-haul': 1.25 };

/**
 * Wear per °C of ambient change, exponential: the simulator's climate table read against the
 * zones' typical temperatures (cold ≈ 0 °C → 0.85, temperate ≈ 15 °C → 1, hot-dry ≈ 35 °C → 1.3)
 * gives ln(1/0.85)/15 = 1.08 %/°C and ln(1.3)/20 = 1.31 %/°C; their mean, 1.2 %/°C, is assumed.
 */
export const AMBIENT_WEAR_PER_DEGREE = 0.012;

/** Wear per cycle relative to a reference engine (temperate, short-haul, no derate). */
export function wearFactor(profile: OperatingProfile): number {
  return (1 - DERATE_SENSITIVITY * (profile.deratePercent / 100)) * CLIMATE_WEAR[profile.climate] * Math.exp(AMBIENT_WEAR_PER_DEGREE * profile.ambientDeltaC) * ROUTE_WEAR[profile.route];
}

/** How much faster (> 1) or slower (< 1) the asset wears per cycle under `next` than under `current`. */
export function wearMultiplier(current: OperatingProfile, next: OperatingProfile): number {
  return wearFactor(next) / wearFactor(current);
}
