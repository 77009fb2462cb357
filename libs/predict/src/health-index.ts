/**
 * Health index: a ridge regression from current sensor levels to 1 (healthy) … 0 (failed).
 * Linear on purpose — every sensor's share of the index is just weight × level, so the
 * explanation is exact and an engineer can read the weights.
 */
export interface HealthIndexModel {
  readonly weights: readonly number[];
  readonly bias: number;
}

export function fitHealthIndex(levels: readonly (readonly number[])[], target: readonly number[], ridge = 1): HealthIndexModel {
  const d = levels[0]?.length ?? 0;
  const targetMean = target.reduce((a, b) => a + b, 0) / Math.max(1, target.length);
  const xMean = new Array<number>(d).fill(0);
  for (const row of levels) row.forEach((v, j) => (xMean[j] = (xMean[j] as number) + v / levels.length));
  // Normal equations on centred data: (XᵀX + λI) w = Xᵀy.
  const a = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? ridge : 0)));
  const b = new Array<number>(d).fill(0);
  levels.forEach((row, r) => {
    const y = (target[r] as number) - targetMean;
    for (let i = 0; i < d; i++) {
      const xi = (row[i] as number) - (xMean[i] as number);
      b[i] = (b[i] as number) + xi * y;
      const ai = a[i] as number[];
      for (let j = 0; j < d; j++) ai[j] = (ai[j] as number) + xi * ((row[j] as number) - (xMean[j] as number));
    }
  });
  const weights = solve(a, b);
  const bias = targetMean - weights.reduce((s, w, j) => s + w * (xMean[j] as number), 0);
  return { weights, bias };
}

/** Per-sensor contributions to the index; the index is clamp(bias + Σ contributions, 0, 1). */
export function healthIndexContributions(model: HealthIndexModel, levels: readonly number[]): number[] {
  return model.weights.map((w, j) => w * (levels[j] as number));
}

export function healthIndex(model: HealthIndexModel, levels: readonly number[]): number {
  const raw = healthIndexContributions(model, levels).reduce((s, c) => s + c, model.bias);
  return Math.min(1, Math.max(0, raw));
}

/** Gaussian elimination with partial pivoting; the ridge term keeps the system well posed. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const pivotRow = m[col] as number[];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = (row[col] as number) / (pivotRow[col] as number);
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}
