import type { ClimateZone, EngineRecord } from './engine.model';
import type { HealthState } from './degradation';
import type { Prng } from './prng';
import { SENSORS, SENSOR_NAMES, type SimulatedSensorName } from './sensors';

/** Health expressed in "failure units": 1 ≈ the loss that uses up a typical EGT margin. */
const HPC_FAILURE_LOSS = 0.03;

/**
 * How each sensor moves per failure unit of HPC and fan loss and per standard deviation of
 * throttle jitter. The HPC column is FD001's start-to-failure drift; the shared throttle term is
 * what makes temperatures, speeds, pressures and fuel flow move together frame to frame.
 */
interface Sensitivity {
  hpc: number;
  fan: number;
  throttle: number;
}

const S = (hpc: number, fan: number, throttle: number): Sensitivity => ({ hpc, fan, throttle });

const SENSITIVITIES: Readonly<Record<SimulatedSensorName, Sensitivity>> = {
  egt: S(60, 20, 2),
  fuelFlow: S(0, 0, 8), // multiplicative terms are applied in fuelFlow()
  n1: S(0.1, 0.8, 0.05),
  n2: S(0.4, 0.05, 0.04),
  vibration: S(0, 0.6, 0),
  oilPressure: S(0, 0, 0),
  oilTemp: S(1, 0, 0),
  T2: S(0, 0, 0),
  T24: S(1.5, 2, 0),
  T30: S(12, 4, 3),
  T50: S(30, 10, 4),
  P2: S(0, 0, 0),
  P15: S(0, 0, 0),
  P30: S(-4, -0.5, 0.5),
  Nf: S(0.25, 0.5, 0),
  Nc: S(20, 0, 4),
  epr: S(0, 0, 0),
  Ps30: S(0.8, 0, 0.12),
  phi: S(-3.5, -1.5, 0.3),
  NRf: S(0.25, 0.5, 0),
  NRc: S(20, 0, 4),
  BPR: S(0.15, -0.12, 0),
  farB: S(0, 0, 0),
  htBleed: S(5, 1, 0),
  Nf_dmd: S(0, 0, 0),
  PCNfR_dmd: S(0, 0, 0),
  W31: S(-0.9, -0.3, 0),
  W32: S(-0.55, -0.2, 0),
};

// Independent noise is what remains of each sensor's scatter after the shared throttle term.
const RESIDUAL_NOISE: Readonly<Record<string, number>> = Object.fromEntries(
  SENSOR_NAMES.map((n) => [n, Math.sqrt(Math.max(0, SENSORS[n].noise ** 2 - SENSITIVITIES[n].throttle ** 2))]),
);

const OIL_TEMP_BY_CLIMATE: Readonly<Record<ClimateZone, number>> = { 'hot-humid': 6, 'hot-dry': 8, temperate: 0, cold: -6 };
const EGT_BY_CLIMATE: Readonly<Record<ClimateZone, number>> = { 'hot-humid': 6, 'hot-dry': 8, temperate: 0, cold: -5 };

/** What an engine's build and environment add to its readings, computed once per engine. */
export interface SensorProfile {
  offsets: Readonly<Partial<Record<SimulatedSensorName, number>>>;
  fuelScale: number;
  vibrationBase: number;
  /** Build tolerances seen as a permanent head start (or lag) in wear. */
  toleranceHealth: HealthState;
}

export function sensorProfile(engine: EngineRecord, thrustScale: number): SensorProfile {
  const t = engine.tolerances;
  const climate = engine.environment.climate;
  return {
    offsets: {
      egt: EGT_BY_CLIMATE[climate] + 40 * t.turbineTipClearance,
      T50: 20 * t.turbineTipClearance,
      oilTemp: OIL_TEMP_BY_CLIMATE[climate],
      oilPressure: climate === 'hot-humid' || climate === 'hot-dry' ? -1 : 0,
    },
    fuelScale: thrustScale,
    vibrationBase: SENSORS.vibration.nominal + 0.03 * t.bearingClearance + 0.15 * t.rotorImbalance,
    toleranceHealth: { hpcEfficiencyLoss: -t.hpcEfficiency, fanEfficiencyLoss: -t.fanEfficiency, bearingWear: 0 },
  };
}

export type CleanReadings = Record<SimulatedSensorName, number>;

/** Noise-bearing readings of one frame for the given health; consumes draws from `prng`. */
export function senseReadings(profile: SensorProfile, health: HealthState, prng: Prng): CleanReadings {
  const hpc = (health.hpcEfficiencyLoss + profile.toleranceHealth.hpcEfficiencyLoss) / HPC_FAILURE_LOSS;
  const fan = (health.fanEfficiencyLoss + profile.toleranceHealth.fanEfficiencyLoss) / HPC_FAILURE_LOSS;
  const throttle = prng.normal();
  const out = {} as CleanReadings;
  for (const name of SENSOR_NAMES) {
    const spec = SENSORS[name];
    if (spec.constant) {
      out[name] = spec.nominal;
      continue;
    }
    const k = SENSITIVITIES[name];
    const value = spec.nominal + (profile.offsets[name] ?? 0) + k.hpc * hpc + k.fan * fan + k.throttle * throttle + RESIDUAL_NOISE[name] * prng.normal();
    out[name] = round(value, spec.decimals);
  }
  out.fuelFlow = round(fuelFlow(profile, hpc, fan, throttle, prng), SENSORS.fuelFlow.decimals);
  out.vibration = round(vibration(profile, health.bearingWear, fan, prng), SENSORS.vibration.decimals);
  out.oilTemp = round(out.oilTemp + 18 * Math.pow(clamp01(health.bearingWear), 1.5), SENSORS.oilTemp.decimals);
  out.oilPressure = round(out.oilPressure - 6 * clamp01(health.bearingWear), SENSORS.oilPressure.decimals);
  return out;
}

// Fuel flow scales with engine size; inefficiency costs a proportion, not a fixed amount.
function fuelFlow(profile: SensorProfile, hpc: number, fan: number, throttle: number, prng: Prng): number {
  const spec = SENSORS.fuelFlow;
  return profile.fuelScale * (spec.nominal * (1 + 0.03 * hpc + 0.02 * fan) + 8 * throttle + 9 * prng.normal());
}

// Spalling bearings add vibration slowly, then sharply; vibration never reads below a floor.
function vibration(profile: SensorProfile, bearingWear: number, fan: number, prng: Prng): number {
  const spec = SENSORS.vibration;
  const value = profile.vibrationBase + 0.6 * Math.max(0, fan) + 9 * Math.pow(clamp01(bearingWear), 2.2) + spec.noise * prng.normal();
  return Math.max(0.05, value);
}

function clamp01(value: number): number {
  return Math.min(1.2, Math.max(0, value));
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
