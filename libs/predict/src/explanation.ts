/** A sensor's share of a score, in the score's own units (cycles, index points, z²…). */
export interface Contribution {
  readonly sensor: string;
  readonly contribution: number;
}

export interface Explanation {
  readonly rul: readonly Contribution[];
  readonly healthIndex: readonly Contribution[];
  readonly anomalySelf: readonly Contribution[];
  readonly anomalyFleet: readonly Contribution[];
}

/** The `count` largest contributions by magnitude, rounded for transport. */
export function topContributions(sensors: readonly string[], values: readonly number[], count = 5): Contribution[] {
  return sensors
    .map((sensor, i) => ({ sensor, contribution: values[i] as number }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, count)
    .map((c) => ({ sensor: c.sensor, contribution: Math.round(c.contribution * 1000) / 1000 }));
}

/** Sums feature contributions per sensor (a sensor has several features). */
export function rollUp(featureNames: readonly string[], contributions: ArrayLike<number>, sensorOf: (name: string) => string): { sensors: string[]; values: number[] } {
  const totals = new Map<string, number>();
  featureNames.forEach((name, i) => {
    const sensor = sensorOf(name);
    totals.set(sensor, (totals.get(sensor) ?? 0) + (contributions[i] as number));
  });
  return { sensors: [...totals.keys()], values: [...totals.values()] };
}

/** Anomaly contributions: each sensor's z² share of the mean square, signed by the direction of its move. */
export function anomalyContributions(z: readonly number[]): number[] {
  return z.map((v) => (Math.sign(v) * v * v) / Math.max(1, z.length));
}
