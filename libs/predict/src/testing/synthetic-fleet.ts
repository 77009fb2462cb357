import { SENSOR_COUNT, sensorIndex, type Cycle } from '../cycle';
import { seededRandom, type Random } from '../random';
import type { TrainingUnit } from '../training';

/** Operating conditions like FD002's six: (altitude kft, Mach, TRA). */
export const SIX_REGIMES: readonly (readonly number[])[] = [
  [0, 0, 100], [10, 0.25, 100], [20, 0.7, 100], [25, 0.62, 60], [35, 0.84, 100], [42, 0.84, 100],
];

export interface SyntheticOptions {
  readonly units: number;
  readonly seed: number;
  readonly regimes?: readonly (readonly number[])[];
  /** Sensor name → direction of its drift as the fault grows. */
  readonly fault?: Readonly<Record<string, number>>;
  readonly minLife?: number;
  readonly maxLife?: number;
}

const DEFAULT_FAULT = { s3: 1, s4: 1, s7: -1, s11: 1, s12: -1 };

/** Run-to-failure trajectories: regime-dependent sensor levels + noise + a fault that grows exponentially. */
export function syntheticFleet(options: SyntheticOptions): TrainingUnit[] {
  const random = seededRandom(options.seed);
  const regimes = options.regimes ?? [[0, 0, 100]];
  const fault = options.fault ?? DEFAULT_FAULT;
  return Array.from({ length: options.units }, (_, u) => {
    const life = Math.round((options.minLife ?? 120) + random() * ((options.maxLife ?? 250) - (options.minLife ?? 120)));
    const cycles: Cycle[] = [];
    for (let t = 0; t < life; t++) cycles.push(syntheticCycle(t, life, regimes, fault, random));
    return { unit: u + 1, cycles };
  });
}

export function syntheticCycle(
  t: number, life: number, regimes: readonly (readonly number[])[], fault: Readonly<Record<string, number>>, random: Random,
): Cycle {
  const regime = Math.floor(random() * regimes.length);
  const settings = (regimes[regime] as readonly number[]).map((s) => s + (random() - 0.5) * 1e-3);
  const wear = Math.exp(4 * (t / life)) - 1;
  const sensors = Array.from({ length: SENSOR_COUNT }, (_, i) => 100 + 50 * regime + i + gaussian(random) * 0.5);
  for (const [name, direction] of Object.entries(fault)) {
    const i = sensorIndex(name);
    sensors[i] = (sensors[i] as number) + direction * 0.1 * wear;
  }
  return { cycle: t + 1, settings, sensors };
}

export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
