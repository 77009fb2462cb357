/**
 * The sensors every simulated engine reports. The 21 C-MAPSS channels keep NASA's names, units
 * (Rankine, psia, rpm) and magnitudes from FD001's sea-level condition so that models trained on
 * C-MAPSS read simulated engines without rescaling; the operational channels (egt, fuelFlow, …)
 * use the units an airline's engine monitoring shows.
 */
export interface SensorSpec {
  name: string;
  unit: string;
  description: string;
  /** Healthy value at the reference operating point for a nominal engine. */
  nominal: number;
  /** Standard deviation of measurement noise. */
  noise: number;
  /** Decimal places on the wire; chosen finer than the noise so a healthy sensor never looks stuck. */
  decimals: number;
  /** True for channels that are constant by design at a fixed operating condition (no noise). */
  constant?: boolean;
}

/** C-MAPSS s1..s21 in the order of the data set's columns (Saxena et al. 2008). */
export const CMAPSS_SENSOR_NAMES = [
  'T2', 'T24', 'T30', 'T50', 'P2', 'P15', 'P30', 'Nf', 'Nc', 'epr', 'Ps30',
  'phi', 'NRf', 'NRc', 'BPR', 'farB', 'htBleed', 'Nf_dmd', 'PCNfR_dmd', 'W31', 'W32',
] as const;

export type CmapssSensorName = (typeof CMAPSS_SENSOR_NAMES)[number];

export const OPERATIONAL_SENSOR_NAMES = ['egt', 'fuelFlow', 'n1', 'n2', 'vibration', 'oilPressure', 'oilTemp'] as const;

export type OperationalSensorName = (typeof OPERATIONAL_SENSOR_NAMES)[number];

export type SimulatedSensorName = CmapssSensorName | OperationalSensorName;

export const SENSOR_NAMES: ReadonlyArray<SimulatedSensorName> = [...OPERATIONAL_SENSOR_NAMES, ...CMAPSS_SENSOR_NAMES];

const spec = (
  name: SimulatedSensorName, unit: string, nominal: number, noise: number, decimals: number, description: string, constant = false,
): SensorSpec => ({ name, unit, nominal, noise, decimals, description, constant });

// Nominals and noise are FD001's unit-1 early-life means and the within-unit scatter.
export const SENSORS: Readonly<Record<SimulatedSensorName, SensorSpec>> = {
  egt: spec('egt', '°C', 640, 3, 1, 'exhaust gas temperature at cruise'),
  fuelFlow: spec('fuelFlow', 'kg/h', 2450, 12, 1, 'fuel mass flow'),
  n1: spec('n1', '% rpm', 88.5, 0.08, 2, 'low-pressure spool speed, percent of rated'),
  n2: spec('n2', '% rpm', 95.2, 0.06, 2, 'high-pressure spool speed, percent of rated'),
  vibration: spec('vibration', 'mm/s', 2.2, 0.12, 2, 'broadband casing vibration (velocity RMS)'),
  oilPressure: spec('oilPressure', 'psi', 58, 0.6, 2, 'oil pressure'),
  oilTemp: spec('oilTemp', '°C', 92, 0.5, 2, 'oil temperature at scavenge'),
  T2: spec('T2', '°R', 518.67, 0, 2, 'total temperature at fan inlet', true),
  T24: spec('T24', '°R', 642.3, 0.5, 2, 'total temperature at LPC outlet'),
  T30: spec('T30', '°R', 1588.5, 6, 2, 'total temperature at HPC outlet'),
  T50: spec('T50', '°R', 1404.5, 9, 2, 'total temperature at LPT outlet'),
  P2: spec('P2', 'psia', 14.62, 0, 2, 'pressure at fan inlet', true),
  P15: spec('P15', 'psia', 21.61, 0, 2, 'total pressure in bypass duct', true),
  P30: spec('P30', 'psia', 553.8, 0.9, 2, 'total pressure at HPC outlet'),
  Nf: spec('Nf', 'rpm', 2388.05, 0.07, 3, 'physical fan speed'),
  Nc: spec('Nc', 'rpm', 9050, 8, 2, 'physical core speed'),
  epr: spec('epr', '-', 1.3, 0, 2, 'engine pressure ratio (P50/P2)', true),
  Ps30: spec('Ps30', 'psia', 47.3, 0.27, 3, 'static pressure at HPC outlet'),
  phi: spec('phi', 'pps/psi', 521.9, 0.74, 3, 'ratio of fuel flow to Ps30'),
  NRf: spec('NRf', 'rpm', 2388.05, 0.07, 3, 'corrected fan speed'),
  NRc: spec('NRc', 'rpm', 8135, 8, 2, 'corrected core speed'),
  BPR: spec('BPR', '-', 8.42, 0.037, 4, 'bypass ratio'),
  farB: spec('farB', '-', 0.03, 0, 2, 'burner fuel-air ratio', true),
  htBleed: spec('htBleed', '-', 392.5, 1.5, 2, 'bleed enthalpy'),
  Nf_dmd: spec('Nf_dmd', 'rpm', 2388, 0, 0, 'demanded fan speed', true),
  PCNfR_dmd: spec('PCNfR_dmd', '-', 100, 0, 2, 'demanded corrected fan speed', true),
  W31: spec('W31', 'lbm/s', 38.95, 0.18, 3, 'HPT coolant bleed'),
  W32: spec('W32', 'lbm/s', 23.37, 0.11, 4, 'LPT coolant bleed'),
};
