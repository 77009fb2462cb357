import { INFORMATIVE_SENSORS, sensorIndex, type Cycle } from './cycle';
import { assignRegime, fitRegimes, type RegimeModel, type RegimeOptions } from './regimes';
import { mean, standardDeviation } from './statistics';

/** Per-regime z-scoring of the informative sensors, so one regime's levels never read as another's degradation. */
export interface SensorNormalisation {
  readonly regimes: RegimeModel;
  /** mean[regime][k] and std[regime][k] for informative sensor k. */
  readonly mean: readonly (readonly number[])[];
  readonly std: readonly (readonly number[])[];
}

const SENSOR_COLUMNS = INFORMATIVE_SENSORS.map(sensorIndex);

export function fitNormalisation(cycles: readonly Cycle[], options: RegimeOptions = {}): SensorNormalisation {
  const regimes = fitRegimes(cycles.map((c) => c.settings), options);
  const byRegime: Cycle[][] = regimes.centroids.map(() => []);
  for (const cycle of cycles) byRegime[assignRegime(regimes, cycle.settings)]?.push(cycle);
  const stats = byRegime.map((group) => SENSOR_COLUMNS.map((column) => {
    const values = group.map((c) => c.sensors[column] ?? 0);
    return { mean: mean(values), std: standardDeviation(values) };
  }));
  return {
    regimes,
    mean: stats.map((row) => row.map((s) => s.mean)),
    // A flat channel gets std 1 so it reads as zero, not as infinity.
    std: stats.map((row) => row.map((s) => (s.std > 1e-9 ? s.std : 1))),
  };
}

/** z-scores of the informative sensors (INFORMATIVE_SENSORS order) within the cycle's regime. */
export function normaliseCycle(normalisation: SensorNormalisation, cycle: Cycle): number[] {
  const regime = assignRegime(normalisation.regimes, cycle.settings);
  const means = normalisation.mean[regime] as readonly number[];
  const stds = normalisation.std[regime] as readonly number[];
  return SENSOR_COLUMNS.map((column, k) => ((cycle.sensors[column] ?? 0) - (means[k] as number)) / (stds[k] as number));
}
