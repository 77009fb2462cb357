import { hashUniform, Prng } from './prng';
import { SENSORS, SENSOR_NAMES, type SimulatedSensorName } from './sensors';

export const SENSOR_FAULT_KINDS = ['stuck', 'drift', 'spike', 'dropout'] as const;
export type SensorFaultKind = (typeof SENSOR_FAULT_KINDS)[number];

/**
 * One faulty sensor on one engine over a window of frames (by seq, inclusive). Faults are about
 * the instrument, not the engine: the engine's health is untouched. The window starts 5–60 frames
 * into the run and lasts 20–200 frames.
 */
export interface SensorFault {
  assetId: string;
  sensor: SimulatedSensorName;
  kind: SensorFaultKind;
  fromSeq: number;
  toSeq: number;
  /** stuck: the frozen value; drift: units added per frame; spike: the added magnitude. */
  magnitude: number;
}

/** Spikes hit only some frames of their window; the rest read normally. */
export const SPIKE_PROBABILITY = 0.15;

// Constant-by-design channels cannot show stuck or drift in a meaningful way, so faults skip them.
const FAULTABLE_SENSORS = SENSOR_NAMES.filter((name) => !SENSORS[name].constant);

/** Draws the fault of one engine, if it gets one (probability `rate`). */
export function planSensorFault(prng: Prng, assetId: string, rate: number, nominal: (sensor: SimulatedSensorName) => number): SensorFault | null {
  if (!prng.chance(rate)) return null;
  const sensor = prng.pick(FAULTABLE_SENSORS);
  const kind = prng.pick(SENSOR_FAULT_KINDS);
  const fromSeq = prng.int(5, 60);
  const toSeq = fromSeq + prng.int(20, 200);
  const spec = SENSORS[sensor];
  return { assetId, sensor, kind, fromSeq, toSeq, magnitude: faultMagnitude(prng, kind, spec.noise, nominal(sensor)) };
}

function faultMagnitude(prng: Prng, kind: SensorFaultKind, noise: number, nominal: number): number {
  switch (kind) {
    case 'stuck':
      return nominal;
    case 'drift':
      // Drift past the noise within tens of frames so detectors have something to find.
      return (prng.chance(0.5) ? 1 : -1) * noise * prng.uniform(0.2, 0.5);
    case 'spike':
      return (prng.chance(0.5) ? 1 : -1) * Math.max(noise * 25, Math.abs(nominal) * 0.3);
    case 'dropout':
      return 0;
  }
}

/** The reading after the fault, or the clean reading outside the fault's window. */
export function applySensorFault(fault: SensorFault, seed: number, seq: number, ordinal: number, clean: number): number | null {
  if (seq < fault.fromSeq || seq > fault.toSeq) return clean;
  switch (fault.kind) {
    case 'stuck':
      return fault.magnitude;
    case 'drift':
      return clean + fault.magnitude * (seq - fault.fromSeq + 1);
    case 'spike':
      return isSpikeFrame(fault, seed, ordinal) ? clean + fault.magnitude : clean;
    case 'dropout':
      return null;
  }
}

/** Whether the frame with this ordinal (seq minus the run's seq base) carries a spike. */
export function isSpikeFrame(fault: SensorFault, seed: number, ordinal: number): boolean {
  return hashUniform(seed, 'spike', fault.assetId, ordinal) < SPIKE_PROBABILITY;
}
