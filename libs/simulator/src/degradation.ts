import type { ClimateZone, EngineRecord, RouteProfile } from './engine.model';

/**
 * Wear of the three modelled components, each a closed-form function of flight cycles so that a
 * frame can be computed for any cycle without replaying the ones before it.
 *
 * - HPC: isentropic efficiency falls with erosion and fouling of blades. Less efficient
 *   compression needs more work from the turbine for the same thrust, so T30, T50/EGT and fuel
 *   flow rise while P30 and coolant bleeds fall (the C-MAPSS FD001 signature).
 * - Fan: leading-edge erosion (sand, hail) lowers fan efficiency: the fan must spin faster
 *   (Nf, n1) for the same thrust, bypass ratio falls, EGT and fuel flow rise a little.
 * - Bearings: spalling of the main-shaft bearing raises vibration and oil temperature; it grows
 *   slowly then sharply, so damage enters the sensors non-linearly.
 */
export interface HealthState {
  /** HPC efficiency loss, fraction (0.03 ≈ 3 points, enough to use up a typical EGT margin). */
  hpcEfficiencyLoss: number;
  /** Fan efficiency loss, fraction. */
  fanEfficiencyLoss: number;
  /** Bearing damage, 0 (new) .. 1 (failed). */
  bearingWear: number;
}

export interface WearRates {
  hpcPerCycle: number;
  fanPerCycle: number;
  bearingPerCycle: number;
}

/** EGT rise for one unit of efficiency loss (°C per fraction); 3 points of HPC ≈ 60 °C. */
export const EGT_RISE_PER_HPC_LOSS = 2000;
export const EGT_RISE_PER_FAN_LOSS = 700;

/** Wear per cycle of a reference engine: temperate, short-haul, no derate, good batch. */
export const BASE_RATES: WearRates = { hpcPerCycle: 3.2e-6, fanPerCycle: 1.6e-6, bearingPerCycle: 2.5e-5 };

export const BAD_BATCH_FACTOR = 1.8;

// Hot-humid air carries salt and moisture that foul and corrode the compressor; hot-dry air
// carries sand that erodes the fan; cold dry air is kind to hot sections.
const CLIMATE_FACTORS: Readonly<Record<ClimateZone, WearRates>> = {
  'hot-humid': { hpcPerCycle: 1.6, fanPerCycle: 1.3, bearingPerCycle: 1.3 },
  'hot-dry': { hpcPerCycle: 1.3, fanPerCycle: 1.8, bearingPerCycle: 1.2 },
  temperate: { hpcPerCycle: 1, fanPerCycle: 1, bearingPerCycle: 1 },
  cold: { hpcPerCycle: 0.85, fanPerCycle: 0.9, bearingPerCycle: 1.05 },
};

// A long-haul cycle carries many more hot hours per takeoff, so it wears more per cycle.
const ROUTE_FACTORS: Readonly<Record<RouteProfile, number>> = { 'short-haul': 1, 'long-haul': 1.25 };

export function climateFactors(climate: ClimateZone): WearRates {
  return CLIMATE_FACTORS[climate];
}

/**
 * The engine's wear rates. `unitFactor` is the unit-to-unit scatter (≈ lognormal around 1) that
 * no registry field explains, drawn once per engine by the caller.
 */
export function wearRates(engine: EngineRecord, badBatch: boolean, unitFactor: number): WearRates {
  const climate = CLIMATE_FACTORS[engine.environment.climate];
  const common = ROUTE_FACTORS[engine.environment.route] * (1 - 1.5 * engine.dutyCycle.takeoffDerate) * (badBatch ? BAD_BATCH_FACTOR : 1) * unitFactor;
  // Open turbine tip clearances run the core hotter; loose bearings wear faster.
  const clearance = 1 + 0.4 * engine.tolerances.turbineTipClearance;
  const looseness = 1 + 0.02 * engine.tolerances.bearingClearance;
  return {
    hpcPerCycle: BASE_RATES.hpcPerCycle * climate.hpcPerCycle * common * clearance,
    fanPerCycle: BASE_RATES.fanPerCycle * climate.fanPerCycle * common,
    bearingPerCycle: BASE_RATES.bearingPerCycle * climate.bearingPerCycle * common * looseness,
  };
}

/** Natural wear after `cycles` since the last shop visit; slightly convex, as fouling compounds. */
export function naturalHealth(rates: WearRates, cycles: number): HealthState {
  const c = Math.max(0, cycles);
  const compounding = 1 + c / 20000;
  return {
    hpcEfficiencyLoss: rates.hpcPerCycle * c * compounding,
    fanEfficiencyLoss: rates.fanPerCycle * c * compounding,
    bearingWear: Math.min(1, rates.bearingPerCycle * c * 0.2 * compounding),
  };
}

/** EGT rise over a new engine caused by the given health, °C. */
export function egtRise(health: HealthState): number {
  return EGT_RISE_PER_HPC_LOSS * health.hpcEfficiencyLoss + EGT_RISE_PER_FAN_LOSS * health.fanEfficiencyLoss;
}

/**
 * Severity of a fault that starts at `onset` and reaches failure at `failure`: 0 before onset,
 * then exponential growth (as in Saxena et al.'s damage propagation) reaching 1 at failure.
 * Past failure it keeps growing linearly so a failed engine keeps looking failed.
 */
export function faultSeverity(cycle: number, onset: number, failure: number, sharpness = 3): number {
  if (cycle <= onset) return 0;
  const x = (cycle - onset) / Math.max(1, failure - onset);
  if (x >= 1) return 1 + (x - 1) * 0.5;
  return Math.expm1(sharpness * x) / Math.expm1(sharpness);
}

export function addHealth(a: HealthState, b: HealthState): HealthState {
  return {
    hpcEfficiencyLoss: a.hpcEfficiencyLoss + b.hpcEfficiencyLoss,
    fanEfficiencyLoss: a.fanEfficiencyLoss + b.fanEfficiencyLoss,
    bearingWear: a.bearingWear + b.bearingWear,
  };
}
