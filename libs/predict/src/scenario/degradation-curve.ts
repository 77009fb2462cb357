/**
 * An asset's health-index trajectory in its own equivalent wear age τ (cycles since its first
 * observed cycle at its current operating profile): HI(τ) = h0 − a·(e^{b·τ/100} − 1).
 * With small b it is a straight decline (natural wear); with large b the exponential damage
 * growth of Saxena et al. that the simulator's injected faults follow.
 */
export interface DegradationCurve {
  /** Health index at τ = 0. */
  h0: number;
  /** Scale of the decline (health-index points). */
  a: number;
  /** Growth rate per 100 cycles. */
  b: number;
}

/** τ is expressed in hundreds of cycles inside the curve so the three parameters share a scale. */
export const CYCLE_SCALE = 100;

export function healthAt(curve: DegradationCurve, tau: number): number {
  return curve.h0 - curve.a * Math.expm1((curve.b * tau) / CYCLE_SCALE);
}

/**
 * The wear age at which the health index reaches `threshold`; Infinity when the curve never gets
 * there (a flat or rising fit), `0` when it started below it.
 */
export function ageAtThreshold(curve: DegradationCurve, threshold: number): number {
  const drop = curve.h0 - threshold;
  if (drop <= 0) return 0;
  if (curve.a <= 0 || curve.b <= 0) return Number.POSITIVE_INFINITY;
  return (CYCLE_SCALE / curve.b) * Math.log1p(drop / curve.a);
}

/** ∂HI/∂(h0, a, b) at τ: the Jacobian row used for the parameter covariance. */
export function curveGradient(curve: DegradationCurve, tau: number): [number, number, number] {
  const s = tau / CYCLE_SCALE;
  const grow = Math.exp(curve.b * s);
  return [1, -(grow - 1), -curve.a * s * grow];
}
