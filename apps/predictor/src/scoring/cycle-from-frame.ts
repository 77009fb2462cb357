import type { Cycle } from '@fleettwin/predict';

/**
 * The twin's sensor names for the model's 21 C-MAPSS channels s1..s21, in order (Saxena et al.
 * 2008), and the three operational settings as readings `setting1..3`.
 */
export const MODEL_SENSOR_NAMES = [
  'T2', 'T24', 'T30', 'T50', 'P2', 'P15', 'P30', 'Nf', 'Nc', 'epr', 'Ps30',
  'phi', 'NRf', 'NRc', 'BPR', 'farB', 'htBleed', 'Nf_dmd', 'PCNfR_dmd', 'W31', 'W32',
] as const;

export const SETTING_NAMES = ['setting1', 'setting2', 'setting3'] as const;

/** Sea-level static conditions (FD001's only regime) for gateways that do not report settings. */
const DEFAULT_SETTINGS = [0, 0, 100];

/** One model cycle from one frame, or undefined when the frame lacks a channel the model reads. */
export function cycleFromReadings(cycle: number, readings: Readonly<Record<string, number | null>>): Cycle | undefined {
  const sensors: number[] = [];
  for (const name of MODEL_SENSOR_NAMES) {
    const value = readings[name];
    if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
    sensors.push(value);
  }
  const settings = SETTING_NAMES.map((name, i) => {
    const value = readings[name];
    return value === null || value === undefined ? (DEFAULT_SETTINGS[i] as number) : value;
  });
  return { cycle, settings, sensors };
}
